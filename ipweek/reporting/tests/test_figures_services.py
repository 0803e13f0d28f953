from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipweek.campaigns.models import Campaign
from ipweek.core.models import AuditEvent
from ipweek.reporting.models import ActivityReport, Figure
from ipweek.reporting.services.figures import FigureInput, ceiling_for, confirm_figure, set_figures
from ipweek.reporting.tests.factories import ActivityReportFactory, FigureFactory

Metric = Figure.Metric


@pytest.fixture
def report(activity_of_a, unit_a):
    return ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=ActivityReport.Kind.CLOSING)


@pytest.fixture
def county_report(report, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(level=Campaign.Level.COUNTY)
    report.activity.campaign.refresh_from_db()
    return report


def stored(report):
    return sorted((f.metric, f.label, f.value, f.unit) for f in report.figures.all())


def test_set_figures_saves_standard_units(report, coordinator_li):
    set_figures(
        report=report,
        figures=[
            FigureInput(Metric.PARTICIPANTS, 350),
            FigureInput(Metric.MATERIALS, "1,200"),
            FigureInput(Metric.TRAININGS, 2),
        ],
        actor=coordinator_li,
    )

    assert stored(report) == [
        (Metric.MATERIALS, "", Decimal(1200), "份"),
        (Metric.PARTICIPANTS, "", Decimal(350), "人次"),
        (Metric.TRAININGS, "", Decimal(2), "场"),
    ]
    assert AuditEvent.objects.filter(action="report.figures_set", object_id=str(report.pk)).count() == 1


def test_set_figures_replaces_the_previous_figures(report, coordinator_li):
    FigureFactory(report=report, metric=Metric.PARTICIPANTS, value=10)
    FigureFactory(report=report, metric=Metric.MATERIALS, value=20)

    set_figures(report=report, figures=[FigureInput(Metric.CONSULTATIONS, 30)], actor=coordinator_li)

    assert stored(report) == [(Metric.CONSULTATIONS, "", Decimal(30), "人次")]


def test_set_figures_raises_the_version(report, coordinator_li):
    set_figures(report=report, figures=[FigureInput(Metric.PARTICIPANTS, 1)], actor=coordinator_li)

    report.refresh_from_db()
    assert report.version == 2


@pytest.mark.parametrize(
    ("figure", "field"),
    [
        (FigureInput(Metric.PARTICIPANTS, -5), "value"),
        (FigureInput(Metric.PARTICIPANTS, 10**9), "value"),
        (FigureInput(Metric.PARTICIPANTS, "12.5"), "value"),
        (FigureInput(Metric.MATERIALS, "0.5"), "value"),
        (FigureInput(Metric.OTHER, 3, label=""), "label"),
        (FigureInput(Metric.OTHER, "1.005", label="经费", unit="万元"), "value"),
        (FigureInput(Metric.PARTICIPANTS, 100, unit="万人次"), "unit"),
        (FigureInput("visitors", 100), "metric"),
        (FigureInput(Metric.PARTICIPANTS, "NaN"), "value"),
        (FigureInput(Metric.PARTICIPANTS, "many"), "value"),
    ],
)
def test_set_figures_refuses_bad_figures_and_keeps_the_old_ones(report, coordinator_li, figure, field):
    FigureFactory(report=report, metric=Metric.PARTICIPANTS, value=10)

    with pytest.raises(ValidationError) as caught:
        set_figures(report=report, figures=[FigureInput(Metric.CONSULTATIONS, 5), figure], actor=coordinator_li)

    assert list(caught.value.message_dict) == [f"figures-1-{field}"]
    assert stored(report) == [(Metric.PARTICIPANTS, "", Decimal(10), "人次")]


def test_set_figures_accepts_other_figures_with_fractions(report, coordinator_li):
    set_figures(
        report=report, figures=[FigureInput(Metric.OTHER, "12.5", label="宣传经费", unit="万元")], actor=coordinator_li
    )

    assert stored(report) == [(Metric.OTHER, "宣传经费", Decimal("12.50"), "万元")]


def test_set_figures_refuses_the_same_metric_twice(report, coordinator_li):
    with pytest.raises(ValidationError) as caught:
        set_figures(
            report=report,
            figures=[FigureInput(Metric.PARTICIPANTS, 1), FigureInput(Metric.PARTICIPANTS, 2)],
            actor=coordinator_li,
        )

    assert "figures-1-metric" in caught.value.message_dict
    assert not report.figures.exists()


def test_set_figures_flags_implausible_figures_for_a_county(county_report, coordinator_li):
    set_figures(
        report=county_report,
        figures=[FigureInput(Metric.PARTICIPANTS, 2_000_000), FigureInput(Metric.TRAININGS, 5)],
        actor=coordinator_li,
    )

    flags = {f.metric: (f.needs_confirmation, f.confirmed_by) for f in county_report.figures.all()}
    assert flags == {Metric.PARTICIPANTS: (True, None), Metric.TRAININGS: (False, None)}


def test_set_figures_records_who_vouched_for_an_implausible_figure(county_report, coordinator_li):
    figure = FigureInput(Metric.PARTICIPANTS, 2_000_000, confirmed=True)

    set_figures(report=county_report, figures=[figure], actor=coordinator_li)

    saved = county_report.figures.get()
    assert (saved.needs_confirmation, saved.confirmed_by) == (True, coordinator_li)


def test_plausibility_ceilings_grow_with_the_level():
    assert ceiling_for(Metric.PARTICIPANTS, Campaign.Level.COUNTY) == 1_000_000
    assert ceiling_for(Metric.PARTICIPANTS, Campaign.Level.NATION) == 100_000_000
    assert ceiling_for(Metric.TRAININGS, Campaign.Level.COUNTY) == 1_000
    assert ceiling_for(Metric.OTHER, Campaign.Level.COUNTY) is None


def test_set_figures_accepts_the_same_number_for_a_city(report, coordinator_li):
    set_figures(report=report, figures=[FigureInput(Metric.PARTICIPANTS, 2_000_000)], actor=coordinator_li)

    assert report.figures.get().needs_confirmation is False


def test_set_figures_refuses_figures_on_news(activity_of_a, unit_a, coordinator_li):
    news = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=ActivityReport.Kind.NEWS)

    with pytest.raises(ValidationError) as caught:
        set_figures(report=news, figures=[FigureInput(Metric.PARTICIPANTS, 1)], actor=coordinator_li)

    assert "figures" in caught.value.message_dict
    assert not news.figures.exists()


def test_set_figures_refuses_a_sent_report(activity_of_a, unit_a, coordinator_li):
    sent = ActivityReportFactory(activity=activity_of_a, unit=unit_a, status=ActivityReport.Status.SUBMITTED)
    FigureFactory(report=sent, value=7)

    with pytest.raises(ValidationError):
        set_figures(report=sent, figures=[FigureInput(Metric.PARTICIPANTS, 1)], actor=coordinator_li)

    assert stored(sent) == [(Metric.PARTICIPANTS, "", Decimal(7), "人次")]


def test_confirm_figure_by_office_staff_clears_the_flag(report, admin_zhang):
    figure = FigureFactory(report=report, value=Decimal(5_000_000), needs_confirmation=True)

    confirm_figure(figure=figure, actor=admin_zhang)

    figure.refresh_from_db()
    assert (figure.needs_confirmation, figure.confirmed_by) == (False, admin_zhang)
    assert AuditEvent.objects.filter(action="figure.confirmed", object_id=str(figure.pk)).exists()


def test_confirm_figure_refuses_a_liaison(report, coordinator_li):
    figure = FigureFactory(report=report, value=Decimal(5_000_000), needs_confirmation=True)

    with pytest.raises(PermissionDenied):
        confirm_figure(figure=figure, actor=coordinator_li)

    figure.refresh_from_db()
    assert figure.needs_confirmation is True


def test_confirm_figure_refuses_an_unflagged_figure(report, admin_zhang):
    figure = FigureFactory(report=report)

    with pytest.raises(ValidationError):
        confirm_figure(figure=figure, actor=admin_zhang)
