from datetime import date

from django.urls import path, register_converter

from . import views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(value) from error

    def to_url(self, value: object) -> str:
        return str(value)


register_converter(IsoDateConverter, "isodate")

app_name = "monitor_api"

urlpatterns = [
    path("peildata/", views.EditionListView.as_view(), name="editions"),
    path("peildata/<isodate:peildatum>/", views.PublicationView.as_view(), name="publication"),
]
