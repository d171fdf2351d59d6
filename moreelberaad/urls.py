from django.urls import path

from .views import beraad, participants, reflections
from .views import calendar_feed as calendar_feed_views
from .views import invitations as invitation_views
from .views import meeting_places as meeting_place_views
from .views import outcome_mail as outcome_mail_views
from .views import pack as pack_views
from .views import session as session_views
from .views import session_outcome as outcome_views

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
    path("<int:beraad_id>/voorbereidingspakket/", pack_views.pack_page, name="pack"),
    path("<int:beraad_id>/voorbereidingspakket/pdf/", pack_views.pack_pdf_request, name="pack_pdf_request"),
    path(
        "<int:beraad_id>/voorbereidingspakket/pdf/status/",
        pack_views.pack_pdf_status,
        name="pack_pdf_status",
    ),
    path(
        "<int:beraad_id>/voorbereidingspakket/pdf/download/",
        pack_views.pack_pdf_download,
        name="pack_pdf_download",
    ),
    path("<int:beraad_id>/stappen/<slug:step>/", session_views.step_edit, name="step_edit"),
    path("<int:beraad_id>/perspectieven/nieuw/", session_views.perspective_add, name="perspective_add"),
    path(
        "<int:beraad_id>/perspectieven/<int:perspective_id>/",
        session_views.perspective_edit,
        name="perspective_edit",
    ),
    path(
        "<int:beraad_id>/perspectieven/<int:perspective_id>/verwijderen/",
        session_views.perspective_remove,
        name="perspective_remove",
    ),
    path("<int:beraad_id>/notulen/", session_views.notes, name="notes"),
    path("<int:beraad_id>/gehouden/", session_views.mark_held, name="mark_held"),
    path("<int:beraad_id>/uitkomst/", outcome_views.outcome, name="outcome"),
    path("<int:beraad_id>/uitkomst/versturen/", outcome_mail_views.outcome_send, name="outcome_send"),
    path("<int:beraad_id>/uitkomst/toezeggingen/", outcome_views.commitment_add, name="commitment_add"),
    path(
        "<int:beraad_id>/uitkomst/toezeggingen/<int:commitment_id>/verwijderen/",
        outcome_views.commitment_remove,
        name="commitment_remove",
    ),
    path("<int:beraad_id>/acties/nieuw/", outcome_views.action_add, name="action_add"),
    path("<int:beraad_id>/evaluatie/", outcome_views.evaluation, name="evaluation"),
    path("<int:beraad_id>/reflecties/nieuw/", outcome_views.reflection_add, name="reflection_add"),
    path(
        "<int:beraad_id>/reflecties/<int:reflection_id>/verwijderen/",
        outcome_views.reflection_remove,
        name="reflection_remove",
    ),
    path(
        "<int:beraad_id>/reflecties/<int:reflection_id>/vrijgeven/",
        reflections.reflection_release_view,
        name="reflection_release",
    ),
    path("<int:beraad_id>/uitnodigen/", invitation_views.invitations_send, name="invite"),
    path("<int:beraad_id>/annuleren/", invitation_views.beraad_cancel, name="cancel"),
    path(
        "<int:beraad_id>/deelnemers/<int:participant_id>/antwoord/",
        invitation_views.participant_answer,
        name="answer",
    ),
    path("vergaderlocaties/", meeting_place_views.meeting_place_list, name="meeting_places"),
    path("vergaderlocaties/nieuw/", meeting_place_views.meeting_place_add, name="meeting_place_add"),
    path(
        "vergaderlocaties/<int:place_id>/", meeting_place_views.meeting_place_edit, name="meeting_place_edit"
    ),
    path(
        "vergaderlocaties/<int:place_id>/in-gebruik/",
        meeting_place_views.meeting_place_active,
        name="meeting_place_active",
    ),
    path("agenda/", calendar_feed_views.calendar_feed_manage, name="calendar_feed_manage"),
    path("agenda/<str:token>.ics", calendar_feed_views.calendar_feed, name="calendar_feed"),
]
