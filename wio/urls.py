from django.contrib import admin
from django.urls import include, path

from wio.portal import views as portal_views

urlpatterns = [
    path(".well-known/security.txt", portal_views.security_txt, name="security_txt"),
    # The e-mail address is the login name; only a functional administrator changes it.
    path("account/email/", portal_views.not_available),
    path("account/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("audit/", include("wio.audit.urls")),
    path("casussen/", include("cases.urls")),
    path("beraden/", include("moreelberaad.urls")),
    path("monitor/", include("monitor.urls")),
    path("api/", include("wio.api.urls")),
    path("api/v1/casussen/", include("cases.api.urls")),
    path("api/v1/monitor/", include("monitor.api.urls")),
    path("", include("wio.portal.urls")),
]
