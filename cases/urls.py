from django.urls import path

from .views import (
    access,
    attachments,
    case,
    destruction,
    entries,
    groups,
    handover,
    hours,
    imports,
    mywork,
    records,
)

app_name = "cases"

urlpatterns = [
    path("", case.case_list, name="list"),
    path("nieuw/", case.case_create, name="create"),
    path("<int:case_id>/", case.case_detail, name="detail"),
    path("<int:case_id>/bewerken/", case.case_edit, name="edit"),
    path("<int:case_id>/afdrukken/", case.case_print, name="print"),
    path("<int:case_id>/status/", case.case_status, name="status"),
    path("<int:case_id>/verwijderen/", case.case_delete, name="delete"),
    path("<int:case_id>/gegevens/<slug:group>/", groups.group_edit, name="group_edit"),
    path("<int:case_id>/overdragen/", handover.handover_request, name="handover_request"),
    path("overdrachten/", handover.handover_list, name="handover_list"),
    path("overdrachten/<int:handover_id>/", handover.handover_decide, name="handover_decide"),
    path("overdrachten/<int:handover_id>/intrekken/", handover.handover_cancel, name="handover_cancel"),
    path(
        "<int:case_id>/voorbereiding/<int:item_id>/",
        records.preparation_edit,
        name="preparation_edit",
    ),
    path(
        "<int:case_id>/toestemming/<int:consent_id>/intrekken/",
        records.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:case_id>/knelpunten/nieuw/", records.knelpunt_add, name="knelpunt_add"),
    path(
        "<int:case_id>/knelpunten/<int:knelpunt_id>/status/",
        records.knelpunt_status,
        name="knelpunt_status",
    ),
    path("<int:case_id>/acties/<int:action_id>/afgerond/", records.action_done, name="action_done"),
    # Before the generic "<case>/<section>/..." patterns, which would otherwise catch these paths.
    path("<int:case_id>/bijlagen/nieuw/", attachments.attachment_add, name="attachment_add"),
    path(
        "<int:case_id>/bijlagen/<int:attachment_id>/",
        attachments.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:case_id>/bijlagen/<int:attachment_id>/verwijderen/",
        attachments.attachment_delete,
        name="attachment_delete",
    ),
    path("<int:case_id>/uren/nieuw/", hours.case_hours_add, name="case_hours_add"),
    path("<int:case_id>/<slug:section>/nieuw/", entries.entry_add, name="entry_add"),
    path("<int:case_id>/<slug:section>/<int:entry_id>/", entries.entry_edit, name="entry_edit"),
    path(
        "<int:case_id>/<slug:section>/<int:entry_id>/verwijderen/",
        entries.entry_delete,
        name="entry_delete",
    ),
    path("mijn-werk/", mywork.my_work, name="my_work"),
    path("inzage/", access.access_list, name="access_list"),
    path("inzage/<int:access_id>/", access.access_detail, name="access_detail"),
    path("inzage/<int:access_id>/voortgang/", access.access_progress, name="access_progress"),
    path("inzage/<int:access_id>/download/", access.access_download, name="access_download"),
    path("mijn-werk/overzichtsmail/", mywork.digest_preference, name="digest_preference"),
    path("import/", imports.import_upload, name="import_upload"),
    path("import/sjabloon.csv", imports.import_template, name="import_template"),
    path("import/<int:import_id>/", imports.import_preview, name="import_preview"),
    path("import/<int:import_id>/vastleggen/", imports.import_commit, name="import_commit"),
    path("vernietiging/", destruction.destruction_list_index, name="destruction_list_index"),
    path(
        "vernietiging/<int:list_id>/",
        destruction.destruction_list_detail,
        name="destruction_list_detail",
    ),
    path("uren/", hours.hours_overview, name="hours_overview"),
    path("uren/nieuw/", hours.hours_add, name="hours_add"),
    path("uren/<int:entry_id>/verwijderen/", hours.hours_delete, name="hours_delete"),
]
