"""Routes of activity reports, their figures and photos, and their exports."""

from django.urls import URLPattern, path

from ipweek.reporting.views import media
from ipweek.reporting.views import reports as views

_REPORT = "campaigns/<int:pk>/reports/<int:report_id>/"

urlpatterns: list[URLPattern] = [
    path("campaigns/<int:pk>/reports/", views.report_list, name="reports"),
    path("campaigns/<int:pk>/reports/export/", views.export_reports, name="export_reports"),
    path("campaigns/<int:pk>/reports/figures/export/", views.export_figures, name="export_figures"),
    path("campaigns/<int:pk>/reports/photos.zip", views.export_photos, name="export_photos"),
    path("campaigns/<int:pk>/activities/<int:activity_id>/reports/new/", views.report_create, name="report_create"),
    path(_REPORT, views.report_detail, name="report"),
    path(f"{_REPORT}edit/", views.report_edit, name="report_edit"),
    path(f"{_REPORT}submit/", views.report_submit, name="report_submit"),
    path(f"{_REPORT}approve/", views.report_approve, name="report_approve"),
    path(f"{_REPORT}return/", views.report_return, name="report_return"),
    path(f"{_REPORT}publish/", views.report_publish, name="report_publish"),
    path(f"{_REPORT}photos/", views.report_photos, name="report_photos"),
    path(f"{_REPORT}photos/<int:photo_id>/delete/", views.photo_delete, name="photo_delete"),
    path(f"{_REPORT}figures/<int:figure_id>/confirm/", views.figure_confirm, name="figure_confirm"),
    path("campaigns/<int:pk>/photos/<int:photo_id>/original/", media.original_photo, name="photo_original"),
    path(f"media/{media.PUBLISHED_PREFIX}<path:path>", media.published_photo, name="photo_published"),
]
