"""Casework's counts land in the unit's closing report, once, and never in a submitted one."""

from decimal import Decimal

from django.db.models import QuerySet

from ipweek.casework.services.figures import push_figures
from ipweek.reporting.models import ActivityReport, Figure


def test_counts_go_into_a_new_draft_closing_report(activity_of_a, unit_a):
    report = push_figures(activity=activity_of_a, unit=unit_a, values={"consultations": 12}, title="咨询台")
    assert report is not None and report.status == ActivityReport.Status.DRAFT
    assert Figure.objects.get(report=report, metric="consultations").value == Decimal(12)
    push_figures(activity=activity_of_a, unit=unit_a, values={"consultations": 13}, title="咨询台")
    assert Figure.objects.get(report=report, metric="consultations").value == Decimal(13)
    assert ActivityReport.objects.filter(activity=activity_of_a, unit=unit_a).count() == 1


def test_a_submitted_report_is_left_alone(activity_of_a, unit_a):
    report = ActivityReport.objects.create(
        activity=activity_of_a, unit=unit_a, kind="closing", title="总结", status=ActivityReport.Status.SUBMITTED
    )
    assert push_figures(activity=activity_of_a, unit=unit_a, values={"consultations": 5}, title="咨询台") is None
    assert not Figure.objects.filter(report=report).exists()


def test_a_report_created_in_between_is_used_not_doubled(activity_of_a, unit_a, monkeypatch):
    existing = ActivityReport.objects.create(activity=activity_of_a, unit=unit_a, kind="closing", title="总结")
    real_first = QuerySet.first
    missed: list[bool] = []

    def first_misses_once(self):  # the liaison's report is committed just after our look
        if self.model is ActivityReport and not missed:
            missed.append(True)
            return None
        return real_first(self)

    monkeypatch.setattr(QuerySet, "first", first_misses_once)
    report = push_figures(activity=activity_of_a, unit=unit_a, values={"consultations": 3}, title="咨询台")

    assert missed and report is not None and report.pk == existing.pk
    assert ActivityReport.objects.filter(activity=activity_of_a, unit=unit_a, kind="closing").count() == 1
