"""Filings (备案), deadlines and the task list."""

from django.urls import path

from ipweek.reporting.views import filings, tasks

urlpatterns = [
    path("campaigns/<int:pk>/filings/", filings.filing_list, name="filings"),
    path("campaigns/<int:pk>/filings/export/", filings.export_filings, name="export_filings"),
    path("campaigns/<int:pk>/activities/<int:activity_id>/filing/", filings.filing_edit, name="filing_edit"),
    path(
        "campaigns/<int:pk>/activities/<int:activity_id>/filing/approve/",
        filings.filing_approve,
        name="filing_approve",
    ),
    path(
        "campaigns/<int:pk>/activities/<int:activity_id>/filing/return/",
        filings.filing_return,
        name="filing_return",
    ),
    path("campaigns/<int:pk>/deadlines/", tasks.deadlines_edit, name="deadlines"),
    path("campaigns/<int:pk>/tasks/", tasks.task_list, name="tasks"),
]
