from django.urls import path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .token_view import AuditedTokenView

app_name = "api"

urlpatterns = [
    path("oauth/token/", AuditedTokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from drf-spectacular-sidecar (vendored, no CDN); its start script is served as a file,
    # so the page keeps the strict Content-Security-Policy (no inline script or style).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html"),
        name="docs",
    ),
]
