from django.urls import path

from .views import case, entries, groups, records

app_name = "cases"

urlpatterns = [
    path("", case.case_list, name="list"),
    path("nieuw/", case.case_create, name="create"),
    path("<int:case_id>/", case.case_detail, name="detail"),
    path("<int:case_id>/bewerken/", case.case_edit, name="edit"),
    path("<int:case_id>/status/", case.case_status, name="status"),
    path("<int:case_id>/verwijderen/", case.case_delete, name="delete"),
    path("<int:case_id>/gegevens/<slug:group>/", groups.group_edit, name="group_edit"),
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
    path("<int:case_id>/<slug:section>/nieuw/", entries.entry_add, name="entry_add"),
    path("<int:case_id>/<slug:section>/<int:entry_id>/", entries.entry_edit, name="entry_edit"),
    path(
        "<int:case_id>/<slug:section>/<int:entry_id>/verwijderen/",
        entries.entry_delete,
        name="entry_delete",
    ),
]
