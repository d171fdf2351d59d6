from django.contrib import admin
from django.urls import include, path

from wio.accounts import sso_views
from wio.portal import views as portal_views

urlpatterns = [
    path(".well-known/security.txt", portal_views.security_txt, name="security_txt"),
    # The e-mail address is the login name; only a functional administrator changes it.
    path("account/email/", portal_views.not_available),
    path("account/organisatie/", sso_views.sign_on_start, name="sign_on_start"),
    # A provider's account is linked only by WIO's own rule (ADR 0032): no self-service linking, no
    # signup through a provider.
    path("account/3rdparty/", portal_views.not_available),
    path("account/3rdparty/signup/", portal_views.not_available),
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
