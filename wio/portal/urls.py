from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.start, name="start"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
]
