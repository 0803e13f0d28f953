"""The progress dashboard: who may read it, what it counts, and that its queries do not grow."""

from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.urls import reverse

from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    ActivityUnitFactory,
    UserFactory,
)
from ipweek.reporting.models import ActivityReport, Figure
from ipweek.reporting.queries import ReceiptState
from ipweek.reporting.tests.test_rollup import report

Metric = Figure.Metric


def progress_url(campaign):
    return reverse("reporting:progress", args=[campaign.pk])


def test_progress_asks_anonymous_visitors_to_log_in(client, campaign):
    response = client.get(progress_url(campaign))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_progress_is_hidden_from_strangers(client, campaign):
    client.force_login(UserFactory(username="stranger"))

    response = client.get(progress_url(campaign))

    assert response.status_code == 404


def test_progress_counts_activities_for_office(client, admin_zhang, campaign, activity_of_a, activity_of_b):
    report(activity_of_a, figures=[(Metric.PARTICIPANTS, 120), (Metric.MATERIALS, 300)])
    report(activity_of_b, status=ActivityReport.Status.SUBMITTED, figures=[(Metric.PARTICIPANTS, 80)])
    client.force_login(admin_zhang)

    response = client.get(progress_url(campaign))

    assert response.status_code == 200
    assert (response.context["progress"].counts.activities, response.context["progress"].counts.reported) == (2, 2)
    assert response.context["figures"].totals == {Metric.PARTICIPANTS: Decimal(120), Metric.MATERIALS: Decimal(300)}
    assert response.text.count("<svg") == 2  # by category and by outreach channel; no children


def test_progress_is_readable_by_liaison(client, coordinator_li, campaign, activity_of_a):
    client.force_login(coordinator_li)

    response = client.get(progress_url(campaign))

    assert response.status_code == 200


def test_progress_charts_are_well_formed_svg(client, admin_zhang, campaign, activity_of_a):
    report(activity_of_a, figures=[(Metric.PARTICIPANTS, 1234)])
    client.force_login(admin_zhang)

    response = client.get(progress_url(campaign))

    for chart in response.context["charts"]:
        assert ElementTree.fromstring(str(chart)).get("role") == "img"  # noqa: S314 - our own output


def test_progress_charts_the_chosen_metric(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    chosen = client.get(progress_url(campaign), {"metric": Metric.MATERIALS})
    unknown = client.get(progress_url(campaign), {"metric": "nonsense"})

    assert (chosen.status_code, chosen.context["metric"]) == (200, Metric.MATERIALS)
    assert (unknown.status_code, unknown.context["metric"]) == (200, Metric.PARTICIPANTS)


def test_higher_office_reads_child_progress_with_rolled_up_figures(client, province_office, campaign, county):
    report(ActivityFactory(campaign=campaign), figures=[(Metric.PARTICIPANTS, 50)])
    report(ActivityFactory(campaign=county), figures=[(Metric.PARTICIPANTS, 7)])
    client.force_login(province_office)

    response = client.get(progress_url(campaign))

    assert response.status_code == 200
    assert response.context["figures"].total(Metric.PARTICIPANTS) == 57
    assert [(row.receipt.campaign, row.value) for row in response.context["children"]] == [(county, "7")]
    assert [row.receipt.state for row in response.context["children"]] == [ReceiptState.NOT_YET]
    assert response.text.count("<svg") == 3  # by region too


def test_province_reads_its_grandchild(client, province_office, county):
    client.force_login(province_office)

    response = client.get(progress_url(county))

    assert response.status_code == 200


def test_child_office_cannot_read_parent_progress(client, admin_zhang, province):
    client.force_login(admin_zhang)

    response = client.get(progress_url(province))

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_progress_queries_do_not_grow(client, admin_zhang, campaign, unit_a, count, django_assert_num_queries):
    for _ in range(count):
        activity = ActivityFactory(campaign=campaign)
        ActivityUnitFactory(activity=activity, unit=unit_a)
        report(activity, figures=[(Metric.PARTICIPANTS, 10)])
    client.force_login(admin_zhang)

    # session, user, campaign, memberships; rollup: tree, priorities, aggregate (+ savepoint and
    # tuning on PostgreSQL); progress: deadlines, activities, their units.
    with django_assert_num_queries(11 if connection.vendor == "sqlite" else 14):
        response = client.get(progress_url(campaign))

    assert response.status_code == 200
    assert response.context["progress"].counts.activities == count
