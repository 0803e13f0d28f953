import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ipweek.campaigns.tests.factories import ActivityFactory, ActivityUnitFactory
from ipweek.core.models import AuditEvent
from ipweek.reporting.models import Filing
from ipweek.reporting.tests.factories_filings import CampaignDeadlinesFactory, FilingFactory


def filings_url(campaign):
    return reverse("reporting:filings", args=[campaign.pk])


def filing_url(name, activity):
    return reverse(f"reporting:{name}", args=[activity.campaign_id, activity.pk])


def filing_post(version=0, **overrides):
    return {
        "host": "示例市市场监督管理局", "co_hosts": "", "venue": "示例市民广场", "latitude": "", "longitude": "",
        "starts_at": "2027-04-21T09:30", "ends_at": "2027-04-21T11:30", "contact_name": "李明",
        "contact_phone": "0571-88888888", "budget": "5000", "expected_headcount": "300", "audience": "企业",
        "channels": "微信公众号", "version": version, "action": "save", **overrides,
    }  # fmt: skip


# --- anonymous visitors --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["filing_edit", "filing_approve", "filing_return"])
def test_filing_pages_send_anonymous_visitors_to_login(client, activity_of_a, name):
    response = client.post(filing_url(name, activity_of_a))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_filing_list_sends_anonymous_visitors_to_login(client, campaign):
    response = client.get(filings_url(campaign))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# --- filing list ---------------------------------------------------------------------------------


def test_filing_list_shows_the_office_every_activity_with_flags(client, admin_zhang, activity_of_a, activity_of_b):
    CampaignDeadlinesFactory(campaign=activity_of_a.campaign, filing_due=timezone.now() - dt.timedelta(days=1))
    FilingFactory(
        activity=activity_of_a,
        status=Filing.Status.APPROVED,
        changed_after_approval=True,
        submitted_at=timezone.now(),
    )
    client.force_login(admin_zhang)

    response = client.get(filings_url(activity_of_a.campaign))

    assert response.status_code == 200
    assert activity_of_a.title in response.text
    assert activity_of_b.title in response.text
    assert "badge-changed" in response.text
    assert response.text.count('class="badge badge-late"') == 2  # filed late, and not filed after the deadline


def test_filing_list_shows_a_liaison_only_their_units_activities(client, coordinator_li, activity_of_a, activity_of_b):
    client.force_login(coordinator_li)

    response = client.get(filings_url(activity_of_a.campaign))

    assert response.status_code == 200
    assert activity_of_a.title in response.text
    assert activity_of_b.title not in response.text


def test_filing_list_shows_a_viewer_only_approved_filings(client, viewer_zhao, activity_of_a, activity_of_b):
    FilingFactory(activity=activity_of_a, status=Filing.Status.APPROVED)
    FilingFactory(activity=activity_of_b, status=Filing.Status.SUBMITTED)
    client.force_login(viewer_zhao)

    response = client.get(filings_url(activity_of_a.campaign))

    assert response.status_code == 200
    assert activity_of_a.title in response.text
    assert activity_of_b.title not in response.text
    assert filing_url("filing_edit", activity_of_a) not in response.text


def test_filing_list_filters_by_state(client, admin_zhang, activity_of_a, activity_of_b):
    FilingFactory(activity=activity_of_a, status=Filing.Status.SUBMITTED)
    client.force_login(admin_zhang)

    response = client.get(filings_url(activity_of_a.campaign), {"show": "submitted"})

    assert activity_of_a.title in response.text
    assert activity_of_b.title not in response.text


def test_filing_list_is_hidden_from_strangers(client, campaign, django_user_model):
    client.force_login(django_user_model.objects.create_user("stranger", password="x-long-password"))

    response = client.get(filings_url(campaign))

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_filing_list_queries_do_not_grow(client, admin_zhang, campaign, unit_a, count, django_assert_num_queries):
    CampaignDeadlinesFactory(campaign=campaign)
    for _ in range(count):
        activity = ActivityFactory(campaign=campaign)
        ActivityUnitFactory(activity=activity, unit=unit_a)
        FilingFactory(activity=activity, unit=unit_a, status=Filing.Status.SUBMITTED)
    client.force_login(admin_zhang)

    with django_assert_num_queries(8):
        response = client.get(filings_url(campaign))

    assert response.status_code == 200


# --- filing form ---------------------------------------------------------------------------------


def test_filing_form_is_prefilled_from_the_activity(client, coordinator_li, activity_of_a, unit_a):
    client.force_login(coordinator_li)

    response = client.get(filing_url("filing_edit", activity_of_a))

    assert response.status_code == 200
    assert response.context["form"].initial["host"] == unit_a.name
    assert response.context["form"].initial["version"] == 0


def test_liaison_files_their_units_activity(client, coordinator_li, activity_of_a, unit_a):
    client.force_login(coordinator_li)

    response = client.post(filing_url("filing_edit", activity_of_a), filing_post(action="submit"))

    filing = Filing.objects.get(activity=activity_of_a)
    assert response.status_code == 302
    assert (filing.status, filing.unit, filing.contact_phone) == (Filing.Status.SUBMITTED, unit_a, "0571-88888888")


def test_liaison_gets_404_filing_another_units_activity(client, coordinator_li, activity_of_b):
    client.force_login(coordinator_li)

    get = client.get(filing_url("filing_edit", activity_of_b))
    post = client.post(filing_url("filing_edit", activity_of_b), filing_post())

    assert (get.status_code, post.status_code) == (404, 404)
    assert not Filing.objects.exists()


def test_viewer_cannot_file(client, viewer_zhao, activity_of_a):
    client.force_login(viewer_zhao)

    response = client.post(filing_url("filing_edit", activity_of_a), filing_post())

    assert response.status_code == 404
    assert not Filing.objects.exists()


def test_office_staff_may_file_for_a_unit(client, admin_zhang, activity_of_a, unit_a):
    client.force_login(admin_zhang)

    response = client.post(filing_url("filing_edit", activity_of_a), filing_post())

    assert response.status_code == 302
    assert Filing.objects.get().unit == unit_a


def test_filing_form_shows_field_errors(client, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = client.post(filing_url("filing_edit", activity_of_a), filing_post(contact_phone="12345"))

    assert response.status_code == 400
    assert "contact_phone" in response.context["form"].errors
    assert not Filing.objects.exists()


def test_filing_form_refuses_a_stale_version_and_keeps_the_other_edit(client, coordinator_li, activity_of_a, unit_a):
    FilingFactory(activity=activity_of_a, unit=unit_a, venue="他人刚改的场地", version=2)
    client.force_login(coordinator_li)

    response = client.post(filing_url("filing_edit", activity_of_a), filing_post(version=1, venue="我的场地"))

    assert response.status_code == 409
    assert response.context["form"].non_field_errors()
    assert Filing.objects.get().venue == "他人刚改的场地"


def test_filing_form_rounds_long_coordinates(client, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    client.post(filing_url("filing_edit", activity_of_a), filing_post(latitude="30.2740853", longitude="120.1550702"))

    filing = Filing.objects.get()
    assert (str(filing.latitude), str(filing.longitude)) == ("30.274085", "120.155070")


def test_office_sees_what_changed_after_approval(client, admin_zhang, coordinator_li, activity_of_a, unit_a):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.APPROVED, version=1)
    client.force_login(coordinator_li)
    client.post(filing_url("filing_edit", activity_of_a), filing_post(version=1, venue="新会场"))
    client.force_login(admin_zhang)

    response = client.get(filing_url("filing_edit", activity_of_a))

    filing.refresh_from_db()
    assert filing.changed_after_approval
    assert {"old": "示例市民广场", "new": "新会场"}.items() <= response.context["changes"][0].items()
    assert "新会场" in response.text


# --- review --------------------------------------------------------------------------------------


def test_office_approves_a_submitted_filing(client, admin_zhang, activity_of_a, unit_a):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.SUBMITTED, version=2)
    client.force_login(admin_zhang)

    response = client.post(filing_url("filing_approve", activity_of_a), {"comment": "", "version": 2})

    filing.refresh_from_db()
    assert response.status_code == 302
    assert filing.status == Filing.Status.APPROVED
    assert AuditEvent.objects.filter(action="filing.approved").exists()


def test_office_returns_a_filing_with_a_comment(client, admin_zhang, activity_of_a, unit_a):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.SUBMITTED)
    client.force_login(admin_zhang)

    response = client.post(filing_url("filing_return", activity_of_a), {"comment": "请补充安保方案"})

    filing.refresh_from_db()
    assert response.status_code == 302
    assert (filing.status, filing.review_comment) == (Filing.Status.RETURNED, "请补充安保方案")


def test_returning_without_a_comment_is_refused(client, admin_zhang, activity_of_a, unit_a):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.SUBMITTED)
    client.force_login(admin_zhang)

    response = client.post(filing_url("filing_return", activity_of_a), {"comment": ""})

    filing.refresh_from_db()
    assert response.status_code == 400
    assert "comment" in response.context["review_form"].errors
    assert filing.status == Filing.Status.SUBMITTED


def test_review_with_a_stale_version_is_refused(client, admin_zhang, activity_of_a, unit_a):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.SUBMITTED, version=3)
    client.force_login(admin_zhang)

    response = client.post(filing_url("filing_approve", activity_of_a), {"version": 2})

    filing.refresh_from_db()
    assert response.status_code == 409
    assert filing.status == Filing.Status.SUBMITTED


@pytest.mark.parametrize("name", ["filing_approve", "filing_return"])
def test_liaison_cannot_review(client, coordinator_li, activity_of_a, unit_a, name):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.SUBMITTED)
    client.force_login(coordinator_li)

    response = client.post(filing_url(name, activity_of_a), {"comment": "自己批准"})

    filing.refresh_from_db()
    assert response.status_code == 403
    assert filing.status == Filing.Status.SUBMITTED


@pytest.mark.parametrize("name", ["filing_approve", "filing_return"])
def test_viewer_cannot_review(client, viewer_zhao, activity_of_a, unit_a, name):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.SUBMITTED)
    client.force_login(viewer_zhao)

    response = client.post(filing_url(name, activity_of_a), {"comment": "意见"})

    filing.refresh_from_db()
    assert response.status_code == 403
    assert filing.status == Filing.Status.SUBMITTED


def test_review_of_an_activity_without_filing_is_404(client, admin_zhang, activity_of_a):
    client.force_login(admin_zhang)

    response = client.post(filing_url("filing_approve", activity_of_a), {})

    assert response.status_code == 404


def test_review_pages_only_accept_post(client, admin_zhang, activity_of_a, unit_a):
    FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.SUBMITTED)
    client.force_login(admin_zhang)

    response = client.get(filing_url("filing_approve", activity_of_a))

    assert response.status_code == 405
