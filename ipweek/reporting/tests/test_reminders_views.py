import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ipweek.campaigns.tests.factories import ActivityFactory, ActivityUnitFactory, UserFactory
from ipweek.core.models import AuditEvent
from ipweek.reporting.models import CampaignDeadlines, Filing
from ipweek.reporting.tests.factories_filings import CampaignDeadlinesFactory, FilingFactory


def url(name, campaign):
    return reverse(f"reporting:{name}", args=[campaign.pk])


@pytest.mark.parametrize("name", ["tasks", "deadlines"])
def test_task_pages_send_anonymous_visitors_to_login(client, campaign, name):
    response = client.get(url(name, campaign))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# --- task list -----------------------------------------------------------------------------------


def test_task_list_shows_a_liaison_their_units_tasks(client, coordinator_li, activity_of_a, activity_of_b):
    client.force_login(coordinator_li)

    response = client.get(url("tasks", activity_of_a.campaign))

    assert response.status_code == 200
    assert activity_of_a.title in response.text
    assert activity_of_b.title not in response.text


def test_task_list_shows_the_office_every_unit(client, admin_zhang, activity_of_a, activity_of_b, unit_a, unit_b):
    CampaignDeadlinesFactory(campaign=activity_of_a.campaign, filing_due=timezone.now() - dt.timedelta(days=1))
    client.force_login(admin_zhang)

    response = client.get(url("tasks", activity_of_a.campaign))

    assert response.status_code == 200
    assert [group.unit for group in response.context["groups"]] == sorted([unit_a, unit_b], key=lambda u: u.name)
    assert response.context["overdue_count"] == 2
    assert "badge-overdue" in response.text


def test_task_list_is_readable_by_a_higher_office_viewer(client, viewer_zhao, activity_of_a, activity_of_b):
    client.force_login(viewer_zhao)

    response = client.get(url("tasks", activity_of_a.campaign))

    assert response.status_code == 200
    assert response.context["task_count"] == 2
    assert reverse("reporting:deadlines", args=[activity_of_a.campaign_id]) not in response.text


def test_task_list_is_hidden_from_strangers(client, campaign):
    client.force_login(UserFactory(username="stranger"))

    response = client.get(url("tasks", campaign))

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_task_list_queries_do_not_grow(client, admin_zhang, campaign, unit_a, count, django_assert_num_queries):
    CampaignDeadlinesFactory(campaign=campaign)
    for index in range(count):
        activity = ActivityFactory(campaign=campaign)
        ActivityUnitFactory(activity=activity, unit=unit_a)
        if index:
            FilingFactory(activity=activity, unit=unit_a, status=Filing.Status.RETURNED, review_comment="补充")
    client.force_login(admin_zhang)

    with django_assert_num_queries(9):
        response = client.get(url("tasks", campaign))

    assert response.status_code == 200


# --- deadlines -----------------------------------------------------------------------------------


def test_office_sets_deadlines(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    response = client.post(
        url("deadlines", campaign), {"filing_due": "2027-04-15T18:00", "report_due": "2027-04-30T18:00"}
    )

    deadlines = CampaignDeadlines.objects.get(campaign=campaign)
    assert response.status_code == 302
    assert timezone.localtime(deadlines.filing_due).strftime("%Y-%m-%d %H:%M") == "2027-04-15 18:00"
    assert deadlines.submission_due is None
    assert AuditEvent.objects.filter(action="deadlines.updated").exists()


def test_deadline_form_shows_the_current_deadlines(client, admin_zhang, campaign):
    CampaignDeadlinesFactory(campaign=campaign)
    client.force_login(admin_zhang)

    response = client.get(url("deadlines", campaign))

    assert response.status_code == 200
    assert 'value="2027-04-15T18:00"' in response.text


def test_deadline_form_refuses_a_report_deadline_before_filing(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    response = client.post(
        url("deadlines", campaign), {"filing_due": "2027-04-15T18:00", "report_due": "2027-04-01T18:00"}
    )

    assert response.status_code == 400
    assert "report_due" in response.context["form"].errors
    assert not CampaignDeadlines.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator_li", "viewer_zhao"])
def test_deadlines_are_for_the_office_only(client, campaign, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(url("deadlines", campaign), {"filing_due": "2027-04-15T18:00"})

    assert response.status_code == 403
    assert not CampaignDeadlines.objects.exists()


def test_deadlines_are_hidden_from_strangers(client, campaign):
    client.force_login(UserFactory(username="stranger"))

    response = client.get(url("deadlines", campaign))

    assert response.status_code == 404
