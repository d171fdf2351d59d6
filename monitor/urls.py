from django.urls import path  # noqa: F401 - helpers add their paths below

app_name = "monitor"

urlpatterns: list = []
