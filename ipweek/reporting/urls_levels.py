"""Progress, rollups across levels and submissions upward."""

from django.urls import path

from ipweek.reporting.views import levels

urlpatterns = [
    path("campaigns/<int:pk>/progress/", levels.progress, name="progress"),
    path("campaigns/<int:pk>/submissions/", levels.submissions, name="submissions"),
    path("campaigns/<int:pk>/submissions/submit/", levels.submit, name="submit"),
    path("campaigns/<int:pk>/submissions/<int:submission_id>/withdraw/", levels.withdraw, name="withdraw"),
]
