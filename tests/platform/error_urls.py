"""The site's URLs plus one that fails, to see the 500 page (tests only)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from wio.urls import urlpatterns as site_urlpatterns


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("kapot/", broken), *site_urlpatterns]
