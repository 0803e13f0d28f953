"""The filing (备案) endpoints: read, save with a version, submit, approve, return."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ipweek.api.tests.helpers import bearer, campaign_url, error_of, send
from ipweek.campaigns.models import Activity, Campaign
from ipweek.core.models import AuditEvent
from ipweek.reporting.models import Filing
from ipweek.reporting.tests.factories_filings import CampaignDeadlinesFactory, FilingFactory

Status = Filing.Status

BODY = {
    "host": "示例市市场监督管理局",
    "co_hosts": "示例市教育局",
    "venue": "示例市民广场",
    "latitude": "30.2740851",
    "longitude": "120.155070",
    "starts_at": "2027-04-21T09:30:00",
    "ends_at": "2027-04-21T11:30:00+08:00",
    "contact_name": "李明",
    "contact_phone": "0571-88888888",
    "budget": "5000.50",
    "expected_headcount": 300,
    "audience": "企业",
    "channels": "微信公众号",
}


def filing_url(activity, action=""):
    return campaign_url(activity.campaign, f"/activities/{activity.pk}/filing" + (f"/{action}" if action else ""))


def post(client, url):
    """A POST without a body, as ``curl -X POST`` sends it."""
    return client.generic("POST", url)


def put(client, activity, version=0, **changes):
    return send(client, "put", filing_url(activity), {**BODY, "version": version, **changes})


@pytest.fixture
def draft_filing(activity_of_a, unit_a):
    return FilingFactory(activity=activity_of_a, unit=unit_a, version=3)


@pytest.fixture
def submitted_filing(activity_of_a, unit_a):
    return FilingFactory(
        activity=activity_of_a, unit=unit_a, status=Status.SUBMITTED, submitted_at=timezone.now(), version=4
    )


@pytest.fixture
def confirmed_activity_of_b(activity_of_b):
    """Another unit's activity that a liaison of unit A can see (it is no longer a draft)."""
    Activity.objects.filter(pk=activity_of_b.pk).update(status=Activity.Status.CONFIRMED)
    activity_of_b.refresh_from_db()
    return activity_of_b


# ---- read


def test_filing_get_before_the_first_save_offers_the_prefilled_draft(client, coordinator_li, activity_of_a, unit_a):
    client.force_login(coordinator_li)

    response = client.get(filing_url(activity_of_a))

    body = response.json()
    assert response.status_code == 200
    assert (body["id"], body["version"], body["status"]) == (None, 0, "draft")
    assert body["host"] == "示例市市场监督管理局"
    assert body["unit"] == {"id": unit_a.pk, "name": "示例市市场监督管理局"}
    assert body["starts_at"] == "2027-04-21T01:30:00Z"  # 09:30 in Beijing
    assert (body["can_edit"], body["can_review"]) == (True, False)


def test_filing_get_shows_office_staff_a_submitted_filing_they_may_review(client, admin_zhang, submitted_filing):
    client.force_login(admin_zhang)

    response = client.get(filing_url(submitted_filing.activity))

    body = response.json()
    assert (body["id"], body["status"], body["version"]) == (submitted_filing.pk, "submitted", 4)
    assert (body["can_edit"], body["can_review"]) == (True, True)


def test_filing_get_of_another_units_activity_is_404_for_a_liaison(client, outsider_wang, submitted_filing):
    client.force_login(outsider_wang)

    response = client.get(filing_url(submitted_filing.activity))

    assert error_of(response, 404)["code"] == "not_found"


def test_filing_get_shows_a_reader_only_an_approved_filing(client, viewer_zhao, draft_filing):
    client.force_login(viewer_zhao)

    hidden = client.get(filing_url(draft_filing.activity))
    Filing.objects.filter(pk=draft_filing.pk).update(status=Status.APPROVED)
    shown = client.get(filing_url(draft_filing.activity))

    assert hidden.status_code == 404
    assert shown.status_code == 200
    assert shown.json()["can_edit"] is False


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_filing_get_is_refused_to_callers_without_a_role(client, activity_of_a, stranger, who):
    if who == "stranger":
        client.force_login(stranger)

    response = client.get(filing_url(activity_of_a))

    assert response.status_code == (401 if who == "anonymous" else 404)


# ---- save


def test_filing_put_creates_the_filing_as_the_liaisons_unit(client, coordinator_li, activity_of_a, unit_a):
    client.force_login(coordinator_li)

    response = put(client, activity_of_a)

    filing = Filing.objects.get(activity=activity_of_a)
    assert response.status_code == 200
    assert response.json()["id"] == filing.pk
    assert (filing.unit, filing.status, filing.version) == (unit_a, Status.DRAFT, 1)
    assert timezone.localtime(filing.starts_at).strftime("%Y-%m-%d %H:%M") == "2027-04-21 09:30"
    assert (filing.latitude, filing.budget) == (Decimal("30.274085"), Decimal("5000.50"))
    assert AuditEvent.objects.filter(action="filing.created", actor=coordinator_li).exists()


def test_filing_put_replaces_the_whole_filing_and_raises_the_version(client, coordinator_li, draft_filing):
    client.force_login(coordinator_li)

    response = send(
        client,
        "put",
        filing_url(draft_filing.activity),
        {"starts_at": "2027-04-22T14:00:00+08:00", "venue": "图书馆", "version": 3},
    )

    draft_filing.refresh_from_db()
    assert response.status_code == 200
    assert (draft_filing.venue, draft_filing.host, draft_filing.version) == ("图书馆", "", 4)
    assert response.json()["version"] == 4


def test_filing_put_with_a_stale_version_is_409_and_saves_nothing(client, coordinator_li, draft_filing):
    client.force_login(coordinator_li)

    response = put(client, draft_filing.activity, version=2, venue="别处")

    error = error_of(response, 409)
    draft_filing.refresh_from_db()
    assert error["code"] == "stale_version"
    assert "version" in error["fields"]
    assert (draft_filing.venue, draft_filing.version) == ("示例市民广场", 3)


def test_filing_put_of_a_new_filing_with_a_version_is_409(client, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = put(client, activity_of_a, version=1)

    assert error_of(response, 409)["code"] == "stale_version"
    assert not Filing.objects.exists()


def test_filing_put_to_an_approved_filing_flags_the_change(client, coordinator_li, draft_filing):
    Filing.objects.filter(pk=draft_filing.pk).update(status=Status.APPROVED)
    client.force_login(coordinator_li)

    response = put(client, draft_filing.activity, version=3, venue="改到图书馆")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["changed_after_approval"]) == ("approved", True)


@pytest.mark.parametrize("persona", ["outsider_wang", "viewer_zhao", "admin_zhang"])
def test_filing_put_by_whom(client, activity_of_a, confirmed_activity_of_b, persona, request):
    client.force_login(request.getfixturevalue(persona))

    draft_of_other_unit = put(client, activity_of_a)
    visible_activity = put(client, confirmed_activity_of_b)

    if persona == "outsider_wang":
        # Unit B's liaison files for its own activity, and never finds unit A's.
        assert (draft_of_other_unit.status_code, visible_activity.status_code) == (404, 200)
    elif persona == "viewer_zhao":
        assert error_of(draft_of_other_unit, 403)["code"] == "permission_denied"
        assert visible_activity.status_code == 403
    else:
        assert (draft_of_other_unit.status_code, visible_activity.status_code) == (200, 200)


def test_filing_put_to_another_units_visible_activity_is_404_for_a_liaison(
    client, coordinator_li, confirmed_activity_of_b
):
    client.force_login(coordinator_li)

    response = put(client, confirmed_activity_of_b)

    assert error_of(response, 404)["code"] == "not_found"
    assert not Filing.objects.exists()


def test_filing_put_in_a_reported_campaign_is_403(client, admin_zhang, activity_of_a):
    Campaign.objects.filter(pk=activity_of_a.campaign_id).update(status=Campaign.Status.REPORTED)
    client.force_login(admin_zhang)

    response = put(client, activity_of_a)

    assert response.status_code == 403


def test_filing_put_anonymous_is_401(client, activity_of_a):
    response = put(client, activity_of_a)

    assert error_of(response, 401)["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"ends_at": "2027-04-21T08:00:00+08:00"}, "ends_at"),
        ({"latitude": "91"}, "latitude"),
        ({"latitude": None}, "latitude"),
        ({"longitude": "NaN"}, "longitude"),
        ({"starts_at": None}, "starts_at"),
        ({"starts_at": "明天上午"}, "starts_at"),
        ({"starts_at": "0001-01-01T00:00:00"}, "starts_at"),
        ({"ends_at": "9999-12-31T23:59:59-05:00"}, "ends_at"),
        ({"budget": "-1"}, "budget"),
        ({"expected_headcount": 100_000_000}, "expected_headcount"),
        ({"expected_headcount": -5}, "expected_headcount"),
        ({"venue": "x" * 201}, "venue"),
        ({"host": "主办\x00"}, "host"),
        ({"hots": "拼错的字段"}, "hots"),
        ({"version": -1}, "version"),
        ({"version": None}, "version"),
    ],
)
def test_filing_put_bad_input_is_422_naming_the_field(client, coordinator_li, activity_of_a, changes, field):
    client.force_login(coordinator_li)

    response = put(client, activity_of_a, **changes)

    error = error_of(response, 422)
    assert field in error["fields"], error
    assert not Filing.objects.exists()


def test_filing_put_without_starts_at_is_422(client, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = send(client, "put", filing_url(activity_of_a), {"venue": "广场", "version": 0})

    assert "starts_at" in error_of(response, 422)["fields"]


# ---- submit


def test_filing_submit_sends_it_to_the_office(client, coordinator_li, draft_filing):
    client.force_login(coordinator_li)

    response = send(client, "post", filing_url(draft_filing.activity, "submit"), {"version": 3})

    draft_filing.refresh_from_db()
    assert response.status_code == 200
    assert (draft_filing.status, draft_filing.submitted_by) == (Status.SUBMITTED, coordinator_li)
    assert response.json()["status"] == "submitted"


def test_filing_submit_without_a_body(client, coordinator_li, draft_filing):
    client.force_login(coordinator_li)

    response = post(client, filing_url(draft_filing.activity, "submit"))

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"


def test_filing_submit_of_an_incomplete_filing_names_what_is_missing(client, coordinator_li, draft_filing):
    Filing.objects.filter(pk=draft_filing.pk).update(contact_name="", venue="")
    client.force_login(coordinator_li)

    response = post(client, filing_url(draft_filing.activity, "submit"))

    assert {"contact_name", "venue"} <= set(error_of(response, 422)["fields"])
    assert Filing.objects.get().status == Status.DRAFT


def test_filing_submit_with_a_stale_version_is_409(client, coordinator_li, draft_filing):
    client.force_login(coordinator_li)

    response = send(client, "post", filing_url(draft_filing.activity, "submit"), {"version": 1})

    assert error_of(response, 409)["code"] == "stale_version"
    assert Filing.objects.get().status == Status.DRAFT


def test_filing_submit_before_any_filing_is_404(client, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = post(client, filing_url(activity_of_a, "submit"))

    assert response.status_code == 404


def test_filing_submit_of_another_units_filing_is_404(client, outsider_wang, draft_filing):
    client.force_login(outsider_wang)

    response = post(client, filing_url(draft_filing.activity, "submit"))

    assert response.status_code == 404
    assert Filing.objects.get().status == Status.DRAFT


def test_filing_submit_by_a_viewer_is_403(client, viewer_zhao, draft_filing):
    client.force_login(viewer_zhao)

    response = post(client, filing_url(draft_filing.activity, "submit"))

    assert response.status_code == 403


# ---- review


def test_filing_approve_by_office_staff(client, admin_zhang, submitted_filing):
    client.force_login(admin_zhang)

    response = send(client, "post", filing_url(submitted_filing.activity, "approve"), {"comment": "同意。"})

    submitted_filing.refresh_from_db()
    assert response.status_code == 200
    assert (submitted_filing.status, submitted_filing.review_comment) == (Status.APPROVED, "同意。")
    assert response.json()["can_review"] is True  # an approved filing may still be returned


def test_filing_approve_without_a_body(client, admin_zhang, submitted_filing):
    client.force_login(admin_zhang)

    response = post(client, filing_url(submitted_filing.activity, "approve"))

    assert response.json()["status"] == "approved"


def test_filing_approve_with_a_stale_version_is_409(client, admin_zhang, submitted_filing):
    client.force_login(admin_zhang)

    response = send(client, "post", filing_url(submitted_filing.activity, "approve"), {"version": 3})

    assert error_of(response, 409)["code"] == "stale_version"
    assert Filing.objects.get().status == Status.SUBMITTED


@pytest.mark.parametrize("persona", ["coordinator_li", "outsider_wang", "viewer_zhao"])
def test_filing_approve_by_anyone_but_office_staff_is_403(client, submitted_filing, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = post(client, filing_url(submitted_filing.activity, "approve"))

    assert error_of(response, 403)["code"] == "permission_denied"
    assert Filing.objects.get().status == Status.SUBMITTED


def test_filing_approve_of_a_draft_is_422(client, admin_zhang, draft_filing):
    client.force_login(admin_zhang)

    response = post(client, filing_url(draft_filing.activity, "approve"))

    assert set(error_of(response, 422)["fields"]) == {"__all__"}
    assert Filing.objects.get().status == Status.DRAFT


def test_filing_approve_when_there_is_no_filing_is_404(client, admin_zhang, activity_of_a):
    client.force_login(admin_zhang)

    response = post(client, filing_url(activity_of_a, "approve"))

    assert response.status_code == 404


def test_filing_return_needs_a_comment(client, admin_zhang, submitted_filing):
    client.force_login(admin_zhang)

    response = send(client, "post", filing_url(submitted_filing.activity, "return"), {"comment": " "})

    assert "comment" in error_of(response, 422)["fields"]
    assert Filing.objects.get().status == Status.SUBMITTED


def test_filing_return_with_a_comment(client, admin_zhang, submitted_filing):
    client.force_login(admin_zhang)

    response = send(client, "post", filing_url(submitted_filing.activity, "return"), {"comment": "请补充安全预案。"})

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["review_comment"]) == ("returned", "请补充安全预案。")


def test_filing_return_by_a_liaison_is_403(client, coordinator_li, submitted_filing):
    client.force_login(coordinator_li)

    response = send(client, "post", filing_url(submitted_filing.activity, "return"), {"comment": "自己退回"})

    assert response.status_code == 403


def test_filing_return_without_a_body_is_refused(client, admin_zhang, submitted_filing):
    client.force_login(admin_zhang)

    response = post(client, filing_url(submitted_filing.activity, "return"))

    error_of(response, 422)
    assert Filing.objects.get().status == Status.SUBMITTED


# ---- the API and the pages share one filing


def test_a_filing_saved_through_the_api_is_the_one_the_page_shows(client, coordinator_li, admin_zhang, activity_of_a):
    client.force_login(coordinator_li)
    put(client, activity_of_a, venue="经由接口填写的场地")
    post(client, filing_url(activity_of_a, "submit"))

    client.force_login(admin_zhang)
    page = client.get(reverse("reporting:filing_edit", args=[activity_of_a.campaign_id, activity_of_a.pk]))

    assert page.status_code == 200
    assert "经由接口填写的场地" in page.content.decode()
    assert page.context["filing"].status == Status.SUBMITTED


def test_a_filing_approved_on_the_page_reads_as_approved_through_a_token(client, admin_zhang, submitted_filing):
    client.force_login(admin_zhang)
    client.post(
        reverse("reporting:filing_approve", args=[submitted_filing.activity.campaign_id, submitted_filing.activity_id]),
        {"comment": "", "version": submitted_filing.version},
    )
    client.logout()

    response = client.get(filing_url(submitted_filing.activity), **bearer(admin_zhang))

    assert response.json()["status"] == "approved"
    assert response.json()["reviewed_at"] is not None


def test_filing_is_late_after_the_deadline(client, coordinator_li, activity_of_a):
    CampaignDeadlinesFactory(campaign=activity_of_a.campaign, filing_due=timezone.now() - dt.timedelta(hours=1))
    client.force_login(coordinator_li)

    response = client.get(filing_url(activity_of_a))

    assert response.json()["is_late"] is True
