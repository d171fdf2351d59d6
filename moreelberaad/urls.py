from django.urls import path

from .views import beraad, participants

app_name = "moreelberaad"

urlpatterns = [
    path("", beraad.beraad_list, name="list"),
    path("plannen/<int:case_id>/", beraad.beraad_plan, name="plan"),
    path("<int:beraad_id>/", beraad.beraad_detail, name="detail"),
    path("<int:beraad_id>/bewerken/", beraad.beraad_edit, name="edit"),
    path("<int:beraad_id>/voorbereiding/", beraad.preparation_waiver, name="waiver"),
    path("<int:beraad_id>/akkoord-ouders/", beraad.parents_approve, name="parents_approve"),
    path("<int:beraad_id>/deelnemers/nieuw/", participants.participant_add, name="participant_add"),
    path(
        "<int:beraad_id>/deelnemers/<int:participant_id>/",
        participants.participant_edit,
        name="participant_edit",
    ),
    path(
        "<int:beraad_id>/deelnemers/<int:participant_id>/verwijderen/",
        participants.participant_remove,
        name="participant_remove",
    ),
]
