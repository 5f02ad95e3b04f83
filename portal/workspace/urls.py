from django.urls import path

from portal.workspace.views import listing, pages, selfassess

app_name = "workspace"
urlpatterns = [
    path("", listing.enterprise_list, name="list"),
    path("export.xlsx", listing.enterprise_export, name="export"),
    path("<int:pk>/", pages.detail, name="detail"),
    path("<int:pk>/ladder/", pages.ladder, name="ladder"),
    path("<int:pk>/figures/", pages.figures, name="figures"),
    path("<int:pk>/figures/<str:indicator>/", pages.fact_history, name="fact_history"),
    path("<int:pk>/figures/<str:indicator>/<int:year>/", pages.fact_history,
         name="fact_history_year"),
    path("<int:pk>/records/", pages.records, name="records"),
    path("<int:pk>/history/", pages.history, name="history"),
    path("<int:pk>/report/", pages.report, name="report"),
    path("<int:pk>/report.pdf", pages.report_pdf, name="report_pdf"),
    path("<int:pk>/self-assessment/", selfassess.self_assessment, name="self_assessment"),
    path("<int:pk>/self-assessment/preview/", selfassess.self_assessment_preview,
         name="self_assessment_preview"),
]
