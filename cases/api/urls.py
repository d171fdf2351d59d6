from django.urls import path

from . import entries, views

app_name = "cases_api"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="list"),
    path("<int:case_id>/", views.CaseDetailView.as_view(), name="detail"),
    path("<int:case_id>/status/", views.CaseStatusView.as_view(), name="status"),
    path("<int:case_id>/tijdlijn/", entries.TimelineList.as_view(), name="tijdlijn-list"),
    path("<int:case_id>/tijdlijn/<int:entry_id>/", entries.TimelineDetail.as_view(), name="tijdlijn-detail"),
    path("<int:case_id>/betrokkenen/", entries.InvolvedList.as_view(), name="betrokkenen-list"),
    path(
        "<int:case_id>/betrokkenen/<int:entry_id>/",
        entries.InvolvedDetail.as_view(),
        name="betrokkenen-detail",
    ),
    path("<int:case_id>/acties/", entries.ActionList.as_view(), name="acties-list"),
    path("<int:case_id>/acties/<int:entry_id>/", entries.ActionDetail.as_view(), name="acties-detail"),
]
