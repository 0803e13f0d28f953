"""Rollups across levels and submissions upward, through the API."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ipweek.api.tests.helpers import bearer, campaign_url, error_of, send
from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    CampaignFactory,
    MembershipFactory,
)
from ipweek.core.models import AuditEvent
from ipweek.reporting.models import ActivityReport, CampaignDeadlines, Figure, Submission
from ipweek.reporting.queries import ReceiptState, submission_receipts
from ipweek.reporting.tests.factories import ActivityReportFactory, FigureFactory

Metric = Figure.Metric
Status = ActivityReport.Status


def counted(activity, *figures, status=Status.APPROVED):
    """A closing report of ``activity`` with (metric, value) figures."""
    report = ActivityReportFactory(activity=activity, unit=activity.campaign.organiser, status=status)
    for metric, value in figures:
        FigureFactory(report=report, metric=metric, value=Decimal(value))
    return report


@pytest.fixture
def figures(campaign, county):
    """City: 100 participants counted, 999 not yet (submitted); county: 25 participants, 40 materials."""
    counted(ActivityFactory(campaign=campaign), (Metric.PARTICIPANTS, 100))
    counted(ActivityFactory(campaign=campaign), (Metric.PARTICIPANTS, 999), status=Status.SUBMITTED)
    counted(ActivityFactory(campaign=county), (Metric.PARTICIPANTS, 25), (Metric.MATERIALS, 40))


def submissions_url(campaign, suffix=""):
    return campaign_url(campaign, "/submissions" + suffix)


# ---- rollup


def test_rollup_adds_up_the_campaign_and_those_below_it(client, admin_zhang, campaign, county, figures):
    client.force_login(admin_zhang)

    response = client.get(campaign_url(campaign, "/rollup"))

    body = response.json()
    assert response.status_code == 200
    assert body["totals"] == {"participants": "125.00", "materials": "40.00"}
    assert body["campaign_ids"] == [campaign.pk, county.pk]
    assert [(row["key"], row["totals"].get("participants")) for row in body["by_region"]] == [
        (str(campaign.pk), "100.00"),
        (str(county.pk), "25.00"),
    ]
    assert body["activities"] == {"total": 3, "reported": 2}
    assert len(body["by_channel"]) == 6


def test_rollup_without_descendants_is_the_campaign_alone(client, admin_zhang, campaign, figures):
    client.force_login(admin_zhang)

    response = client.get(campaign_url(campaign, "/rollup?descendants=false"))

    assert response.json()["totals"] == {"participants": "100.00"}
    assert response.json()["include_descendants"] is False


def test_rollup_of_a_child_campaign_for_the_office_above(client, province_office, campaign, figures):
    client.force_login(province_office)

    response = client.get(campaign_url(campaign, "/rollup"))

    assert response.json()["totals"]["participants"] == "125.00"


def test_rollup_is_readable_by_a_liaison_and_a_viewer(client, coordinator_li, viewer_zhao, campaign, figures):
    for persona in (coordinator_li, viewer_zhao):
        client.force_login(persona)

        assert client.get(campaign_url(campaign, "/rollup")).status_code == 200


def test_rollup_refused_without_a_role_or_with_a_bad_parameter(client, stranger, admin_zhang, campaign):
    anonymous = client.get(campaign_url(campaign, "/rollup"))
    client.force_login(stranger)
    unseen = client.get(campaign_url(campaign, "/rollup"))
    client.force_login(admin_zhang)
    bad = client.get(campaign_url(campaign, "/rollup?descendants=perhaps"))

    assert (anonymous.status_code, unseen.status_code) == (401, 404)
    assert "descendants" in error_of(bad, 422)["fields"]


# ---- submissions upward


def test_submit_upward_freezes_the_rollup(client, admin_zhang, province, campaign, figures):
    client.force_login(admin_zhang)

    response = send(client, "post", submissions_url(campaign), {"summary": "  共开展活动3场。 "})

    body = response.json()
    submission = Submission.objects.get()
    assert response.status_code == 201
    assert (body["version"], body["status"], body["parent_id"], body["summary"]) == (
        1,
        "submitted",
        province.pk,
        "共开展活动3场。",
    )
    assert body["snapshot"]["totals"] == {"participants": "125.00", "materials": "40.00"}
    assert body["submitted_by"] == "张主任"
    assert submission.snapshot["summary"] == "共开展活动3场。"


def test_a_submission_made_through_the_api_is_in_the_parents_receipts(client, admin_zhang, province, campaign):
    client.force_login(admin_zhang)
    send(client, "post", submissions_url(campaign), {"summary": "已完成。"})

    (receipt,) = submission_receipts(province)

    assert receipt.state == ReceiptState.SUBMITTED
    assert AuditEvent.objects.filter(action="submission.submitted", actor=admin_zhang).exists()


def test_submit_upward_twice_is_422_until_withdrawn_with_a_reason(client, admin_zhang, province, campaign):
    client.force_login(admin_zhang)
    first = send(client, "post", submissions_url(campaign), {"summary": "第一版"})

    again = send(client, "post", submissions_url(campaign), {"summary": "第二版"})
    no_reason = send(client, "post", submissions_url(campaign, f"/{first.json()['id']}/withdraw"), {"reason": " "})
    withdrawn = send(
        client, "post", submissions_url(campaign, f"/{first.json()['id']}/withdraw"), {"reason": "数字有误"}
    )
    second = send(client, "post", submissions_url(campaign), {"summary": "第二版"})

    assert set(error_of(again, 422)["fields"]) == {"__all__"}
    assert "reason" in error_of(no_reason, 422)["fields"]
    assert (withdrawn.json()["status"], withdrawn.json()["withdraw_reason"]) == ("withdrawn", "数字有误")
    assert second.json()["version"] == 2
    assert list(Submission.objects.order_by("version").values_list("status", flat=True)) == ["withdrawn", "submitted"]


def test_withdraw_twice_is_422(client, admin_zhang, province, campaign):
    client.force_login(admin_zhang)
    submission_id = send(client, "post", submissions_url(campaign), {}).json()["id"]
    send(client, "post", submissions_url(campaign, f"/{submission_id}/withdraw"), {"reason": "重报"})

    again = send(client, "post", submissions_url(campaign, f"/{submission_id}/withdraw"), {"reason": "再撤"})

    assert error_of(again, 422)["code"] == "invalid"


def test_submit_upward_without_a_parent_campaign_is_422(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    response = send(client, "post", submissions_url(campaign), {"summary": "无上级"})

    assert set(error_of(response, 422)["fields"]) == {"__all__"}
    assert not Submission.objects.exists()


def test_submit_upward_after_the_parents_deadline_is_marked_late(client, admin_zhang, province, campaign):
    CampaignDeadlines.objects.create(campaign=province, submission_due=timezone.now() - dt.timedelta(hours=1))
    client.force_login(admin_zhang)

    response = send(client, "post", submissions_url(campaign), {"summary": "迟交"})

    assert response.status_code == 201
    assert response.json()["is_late"] is True


@pytest.mark.parametrize("persona", ["coordinator_li", "viewer_zhao", "province_office"])
def test_submit_upward_by_anyone_but_the_campaigns_office_is_403(client, province, campaign, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = send(client, "post", submissions_url(campaign), {"summary": "代报"})

    assert error_of(response, 403)["code"] == "permission_denied"
    assert not Submission.objects.exists()


def test_submit_upward_refused_to_strangers_and_anonymous_callers(client, stranger, province, campaign):
    anonymous = send(client, "post", submissions_url(campaign), {"summary": "x"})
    client.force_login(stranger)
    unseen = send(client, "post", submissions_url(campaign), {"summary": "x"})

    assert (anonymous.status_code, unseen.status_code) == (401, 404)


@pytest.mark.parametrize(("body", "field"), [({"summary": "长" * 20_001}, "summary"), ({"sumary": "拼错"}, "sumary")])
def test_submit_upward_bad_input_is_422(client, admin_zhang, province, campaign, body, field):
    client.force_login(admin_zhang)

    response = send(client, "post", submissions_url(campaign), body)

    assert field in error_of(response, 422)["fields"]


def test_withdraw_by_a_liaison_is_403_and_of_another_campaigns_submission_404(
    client, admin_zhang, coordinator_li, province, campaign
):
    client.force_login(admin_zhang)
    submission_id = send(client, "post", submissions_url(campaign), {}).json()["id"]
    client.force_login(coordinator_li)
    by_liaison = send(client, "post", submissions_url(campaign, f"/{submission_id}/withdraw"), {"reason": "撤"})
    other = CampaignFactory()
    MembershipFactory(user=admin_zhang, campaign=other, unit=other.organiser)
    client.force_login(admin_zhang)
    elsewhere = send(client, "post", submissions_url(other, f"/{submission_id}/withdraw"), {"reason": "撤"})

    assert by_liaison.status_code == 403
    assert elsewhere.status_code == 404
    assert Submission.objects.get().status == Submission.Status.SUBMITTED


def test_submissions_list_shows_the_child_its_versions(client, admin_zhang, province, campaign):
    client.force_login(admin_zhang)
    first = send(client, "post", submissions_url(campaign), {"summary": "一"}).json()["id"]
    send(client, "post", submissions_url(campaign, f"/{first}/withdraw"), {"reason": "更正"})
    send(client, "post", submissions_url(campaign), {"summary": "二"})

    response = client.get(submissions_url(campaign))

    body = response.json()
    assert response.status_code == 200
    assert [(v["version"], v["status"]) for v in body["versions"]] == [(2, "submitted"), (1, "withdrawn")]
    assert (body["parent_id"], body["can_submit"], body["receipts"]) == (province.pk, False, [])


def test_submissions_list_shows_the_parent_its_receipts(client, admin_zhang, province_office, province, campaign):
    second_city = CampaignFactory(parent=province, title="乙市方案")
    client.force_login(admin_zhang)
    send(client, "post", submissions_url(campaign), {"summary": "甲市已报"})

    response = client.get(submissions_url(province), **bearer(province_office))

    receipts = {row["campaign_id"]: row for row in response.json()["receipts"]}
    assert receipts[campaign.pk]["state"] == "submitted"
    assert receipts[campaign.pk]["latest"]["summary"] == "甲市已报"
    assert (receipts[second_city.pk]["state"], receipts[second_city.pk]["latest"]) == ("not_yet", None)
    assert response.json()["versions"] == []


def test_submissions_list_refused_without_a_role(client, stranger, campaign):
    anonymous = client.get(submissions_url(campaign))
    client.force_login(stranger)
    unseen = client.get(submissions_url(campaign))

    assert (anonymous.status_code, unseen.status_code) == (401, 404)
