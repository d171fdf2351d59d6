"""A view that fails the way an unguarded delete would, for the log redaction test."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from cases.models import Case


def delete_anyway(request: HttpRequest, case_id: int) -> HttpResponse:
    Case.objects.get(pk=case_id).delete()  # a consent protects its person: ProtectedError
    return HttpResponse("deleted")


urlpatterns = [path("delete-anyway/<int:case_id>/", delete_anyway)]
