"""Statistics, exports, the personal-data access log and typical cases, under /casework/."""

from django.urls import path

from ipweek.casework.views import stats, typical

urlpatterns = [
    path("stats/", stats.stats, name="stats"),
    path("stats.xlsx", stats.stats_xlsx, name="stats_xlsx"),
    path("cases.xlsx", stats.export, name="export"),
    path("export/", stats.export_form, name="export_form"),
    path("access-log/", stats.access_log_page, name="access_log"),
    path("cases/<str:number>/typical/new/", typical.typical_new, name="typical_new"),
    path("typical/", typical.typical_list, name="typical_list"),
    path("typical/<int:pk>/", typical.typical_detail, name="typical_detail"),
]
