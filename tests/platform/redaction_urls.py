"""A view that fails the way an unguarded delete would, for the log redaction test."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from cases.models import Case


def delete_anyway(request: HttpRequest, case_id: int) -> HttpResponse:
    Case.objects.get(pk=case_id).delete()  # a consent protects its person: ProtectedError
    return HttpResponse("deleted")


urlpatterns = [path("delete-anyway/<int:case_id>/", delete_anyway)]


def insert_failing_row(request: HttpRequest, case_id: int) -> HttpResponse:
    """A NOT NULL violation: PostgreSQL's DETAIL repeats the whole row, the person's name included."""
    from cases.models import Involved

    name = request.GET.get("name", "")
    Involved.objects.create(case_id=case_id, name=name, role=None)
    return HttpResponse("inserted")


urlpatterns.append(path("insert-failing-row/<int:case_id>/", insert_failing_row))
