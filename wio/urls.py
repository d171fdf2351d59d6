from django.contrib import admin
from django.urls import include, path

from wio.portal import views as portal_views

urlpatterns = [
    path(".well-known/security.txt", portal_views.security_txt, name="security_txt"),
    path("account/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("audit/", include("wio.audit.urls")),
    path("", include("wio.portal.urls")),
]
