from django.urls import path

from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from oauth2_provider.views import TokenView

app_name = "api"

urlpatterns = [
    path("oauth/token/", TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
]
