from django.urls import path

from monitor.views import approval, dashboard, exports, reports, stories, stories_learning, stories_themes

app_name = "monitor"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("rapportages/", reports.report_list, name="report_list"),
    path("rapportages/<int:report_id>/", reports.report_detail, name="report_detail"),
    path("rapportages/<int:report_id>/voortgang/", reports.report_progress, name="report_progress"),
    path("rapportages/<int:report_id>/opnieuw/", reports.report_retry, name="report_retry"),
    path("rapportages/<int:report_id>/publiceren/", reports.report_publish, name="report_publish"),
    path("rapportages/<int:report_id>/download/", reports.report_download, name="report_download"),
    path("verhalen/", stories.story_list, name="story_list"),
    path("verhalen/nieuw/<int:case_id>/", stories.story_create, name="story_create"),
    path("verhalen/<int:story_id>/", stories.story_detail, name="story_detail"),
    path("verhalen/<int:story_id>/bewerken/", stories.story_edit, name="story_edit"),
    path("verhalen/<int:story_id>/beoordelen/", stories.story_review, name="story_review"),
    path("verhalen/<int:story_id>/goedkeuren/", stories.story_approve, name="story_approve"),
    path("verhalen/<int:story_id>/intrekken/", stories.story_withdraw, name="story_withdraw"),
    path("rode-draden/", stories_themes.theme_list, name="theme_list"),
    path("rode-draden/nieuw/", stories_themes.theme_create, name="theme_create"),
    path("rode-draden/<int:theme_id>/", stories_themes.theme_edit, name="theme_edit"),
    path("rode-draden/<int:pk>/goedkeuren/", approval.theme_approve, name="theme_approve"),
    path("knelpunten/", stories_themes.hotspots, name="hotspots"),
    path("lessen/", stories_learning.lesson_list, name="lesson_list"),
    path("lessen/nieuw/", stories_learning.lesson_create, name="lesson_create"),
    path("lessen/<int:pk>/goedkeuren/", approval.lesson_approve, name="lesson_approve"),
    path("verantwoording/", stories_learning.accountability_list, name="accountability_list"),
    path("verantwoording/<int:region_id>/", stories_learning.accountability_edit, name="accountability_edit"),
    path(
        "verantwoording/antwoorden/<int:pk>/goedkeuren/",
        approval.accountability_approve,
        name="accountability_approve",
    ),
    path("export/<str:table>.csv", exports.export_csv, name="export_csv"),
    path("export/<str:table>.xlsx", exports.export_xlsx, name="export_xlsx"),
]
