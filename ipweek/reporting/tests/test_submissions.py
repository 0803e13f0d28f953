"""Submissions upward: the frozen snapshot, withdrawal with a reason, versions, lateness, receipts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    CampaignFactory,
    MembershipFactory,
    UserFactory,
)
from ipweek.core.models import AuditEvent
from ipweek.reporting.models import CampaignDeadlines, Figure, Submission
from ipweek.reporting.queries import ReceiptState, submission_receipts
from ipweek.reporting.services.submissions import submit_upward, withdraw_submission
from ipweek.reporting.tests.test_rollup import report

Metric = Figure.Metric


@pytest.fixture
def figures(campaign):
    return report(ActivityFactory(campaign=campaign), figures=[(Metric.PARTICIPANTS, 120)])


def submit_url(campaign):
    return reverse("reporting:submit", args=[campaign.pk])


def withdraw_url(submission):
    return reverse("reporting:withdraw", args=[submission.campaign_id, submission.pk])


# --- services ----------------------------------------------------------------------------------


def test_submit_freezes_the_rollup(admin_zhang, campaign, province, figures):
    submission = submit_upward(campaign=campaign, actor=admin_zhang, summary=" 圆满完成。 ")
    report(ActivityFactory(campaign=campaign), figures=[(Metric.PARTICIPANTS, 999)])
    Figure.objects.filter(report=figures).update(value=1)

    submission.refresh_from_db()
    assert (submission.version, submission.status, submission.parent) == (1, Submission.Status.SUBMITTED, province)
    assert Decimal(submission.snapshot["totals"]["participants"]) == 120
    assert submission.snapshot["activities"] == {"total": 1, "reported": 1}
    assert (submission.summary, submission.snapshot["summary"]) == ("圆满完成。", "圆满完成。")
    assert "generated_at" in submission.snapshot
    assert AuditEvent.objects.filter(action="submission.submitted", object_id=str(submission.pk)).count() == 1


def test_submit_refuses_while_a_submission_is_current(admin_zhang, campaign, province):
    submit_upward(campaign=campaign, actor=admin_zhang, summary="")

    with pytest.raises(ValidationError):
        submit_upward(campaign=campaign, actor=admin_zhang, summary="")

    assert Submission.objects.filter(campaign=campaign).count() == 1


def test_submit_needs_a_parent(admin_zhang, campaign):
    with pytest.raises(ValidationError):
        submit_upward(campaign=campaign, actor=admin_zhang, summary="")

    assert not Submission.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator_li", "viewer_zhao", "province_office"])
def test_submit_is_for_the_campaigns_office_staff_only(request, campaign, province, persona):
    actor = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        submit_upward(campaign=campaign, actor=actor, summary="")

    assert not Submission.objects.exists()


def test_withdraw_needs_a_reason(admin_zhang, campaign, province):
    submission = submit_upward(campaign=campaign, actor=admin_zhang, summary="")

    with pytest.raises(ValidationError) as caught:
        withdraw_submission(submission=submission, actor=admin_zhang, reason="  ")

    submission.refresh_from_db()
    assert "reason" in caught.value.message_dict
    assert submission.status == Submission.Status.SUBMITTED


def test_resubmit_keeps_every_version(admin_zhang, campaign, province, figures):
    first = submit_upward(campaign=campaign, actor=admin_zhang, summary="初稿")
    withdraw_submission(submission=first, actor=admin_zhang, reason="数字有误")
    report(ActivityFactory(campaign=campaign), figures=[(Metric.PARTICIPANTS, 30)])

    second = submit_upward(campaign=campaign, actor=admin_zhang, summary="修正")

    first.refresh_from_db()
    rows = list(Submission.objects.filter(campaign=campaign).order_by("version").values_list("version", "status"))
    assert rows == [(1, Submission.Status.WITHDRAWN), (2, Submission.Status.SUBMITTED)]
    assert (first.withdraw_reason, first.withdrawn_by) == ("数字有误", admin_zhang)
    assert Decimal(first.snapshot["totals"]["participants"]) == 120
    assert Decimal(second.snapshot["totals"]["participants"]) == 150
    assert AuditEvent.objects.filter(action="submission.withdrawn").count() == 1


def test_withdraw_twice_is_refused(admin_zhang, campaign, province):
    submission = submit_upward(campaign=campaign, actor=admin_zhang, summary="")
    withdraw_submission(submission=submission, actor=admin_zhang, reason="重报")

    with pytest.raises(ValidationError):
        withdraw_submission(submission=submission, actor=admin_zhang, reason="再撤")


def test_withdraw_is_for_office_staff_only(admin_zhang, coordinator_li, campaign, province):
    submission = submit_upward(campaign=campaign, actor=admin_zhang, summary="")

    with pytest.raises(PermissionDenied):
        withdraw_submission(submission=submission, actor=coordinator_li, reason="x")

    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED


@pytest.mark.parametrize(("hours", "is_late"), [(-1, True), (1, False)])
def test_submit_after_the_parents_deadline_is_late(admin_zhang, campaign, province, hours, is_late):
    CampaignDeadlines.objects.create(campaign=province, submission_due=timezone.now() + dt.timedelta(hours=hours))

    submission = submit_upward(campaign=campaign, actor=admin_zhang, summary="")

    assert submission.is_late is is_late


def test_receipts_list_every_child(admin_zhang, campaign, province):
    quiet = CampaignFactory(parent=province)
    withdrawn = CampaignFactory(parent=province)
    staff = UserFactory(username="qian")
    MembershipFactory(user=staff, campaign=withdrawn, unit=withdrawn.organiser)
    submit_upward(campaign=campaign, actor=admin_zhang, summary="")
    withdraw_submission(
        submission=submit_upward(campaign=withdrawn, actor=staff, summary=""), actor=staff, reason="重报"
    )

    before = {r.campaign.pk: r.state for r in submission_receipts(province)}
    CampaignDeadlines.objects.create(campaign=province, submission_due=timezone.now() - dt.timedelta(days=1))
    after = {r.campaign.pk: r.state for r in submission_receipts(province)}

    assert before == {
        campaign.pk: ReceiptState.SUBMITTED,
        quiet.pk: ReceiptState.NOT_YET,
        withdrawn.pk: ReceiptState.WITHDRAWN,
    }
    assert after == {
        campaign.pk: ReceiptState.SUBMITTED,
        quiet.pk: ReceiptState.OVERDUE,
        withdrawn.pk: ReceiptState.OVERDUE,
    }


# --- pages -------------------------------------------------------------------------------------


def test_office_submits_from_the_page(client, admin_zhang, campaign, province, figures):
    client.force_login(admin_zhang)

    response = client.post(submit_url(campaign), {"summary": "总结"})

    assert response.status_code == 302
    assert Submission.objects.get(campaign=campaign).summary == "总结"


def test_submit_page_refuses_liaison(client, coordinator_li, campaign, province):
    client.force_login(coordinator_li)

    response = client.post(submit_url(campaign), {"summary": "总结"})

    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_submit_page_refuses_higher_office(client, province_office, campaign):
    client.force_login(province_office)

    response = client.post(submit_url(campaign), {"summary": "总结"})

    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_submit_page_hides_campaign_from_strangers(client, campaign, province):
    client.force_login(UserFactory(username="stranger"))

    response = client.post(submit_url(campaign), {"summary": "总结"})

    assert response.status_code == 404
    assert not Submission.objects.exists()


def test_submission_pages_ask_anonymous_visitors_to_log_in(client, campaign):
    page = reverse("reporting:submissions", args=[campaign.pk])
    withdraw = reverse("reporting:withdraw", args=[campaign.pk, 1])

    codes = [client.get(page).status_code, client.post(submit_url(campaign)).status_code]
    codes.append(client.post(withdraw, {"reason": "x"}).status_code)

    assert codes == [302, 302, 302]


def test_submit_page_reports_a_current_submission(client, admin_zhang, campaign, province):
    submit_upward(campaign=campaign, actor=admin_zhang, summary="")
    client.force_login(admin_zhang)

    response = client.post(submit_url(campaign), {"summary": "再报"})

    assert response.status_code == 400
    assert Submission.objects.filter(campaign=campaign).count() == 1


def test_withdraw_page_needs_a_reason(client, admin_zhang, campaign, province):
    submission = submit_upward(campaign=campaign, actor=admin_zhang, summary="")
    client.force_login(admin_zhang)

    response = client.post(withdraw_url(submission), {"reason": ""})

    submission.refresh_from_db()
    assert response.status_code == 400
    assert submission.status == Submission.Status.SUBMITTED


def test_withdraw_page_withdraws_with_a_reason(client, admin_zhang, campaign, province):
    submission = submit_upward(campaign=campaign, actor=admin_zhang, summary="")
    client.force_login(admin_zhang)

    response = client.post(withdraw_url(submission), {"reason": "数字有误"})

    submission.refresh_from_db()
    assert response.status_code == 302
    assert (submission.status, submission.withdraw_reason) == (Submission.Status.WITHDRAWN, "数字有误")


def test_withdraw_page_refuses_liaison(client, admin_zhang, coordinator_li, campaign, province):
    submission = submit_upward(campaign=campaign, actor=admin_zhang, summary="")
    client.force_login(coordinator_li)

    response = client.post(withdraw_url(submission), {"reason": "x"})

    submission.refresh_from_db()
    assert response.status_code == 403
    assert submission.status == Submission.Status.SUBMITTED


def test_withdraw_page_finds_only_the_campaigns_own_submissions(client, admin_zhang, campaign, province):
    other = CampaignFactory(parent=province)
    staff = UserFactory(username="qian")
    MembershipFactory(user=staff, campaign=other, unit=other.organiser)
    foreign = submit_upward(campaign=other, actor=staff, summary="")
    client.force_login(admin_zhang)

    response = client.post(reverse("reporting:withdraw", args=[campaign.pk, foreign.pk]), {"reason": "x"})

    foreign.refresh_from_db()
    assert response.status_code == 404
    assert foreign.status == Submission.Status.SUBMITTED


def test_child_page_lists_versions_and_offers_withdrawal(client, admin_zhang, campaign, province):
    first = submit_upward(campaign=campaign, actor=admin_zhang, summary="")
    withdraw_submission(submission=first, actor=admin_zhang, reason="重报")
    submit_upward(campaign=campaign, actor=admin_zhang, summary="")
    client.force_login(admin_zhang)

    response = client.get(reverse("reporting:submissions", args=[campaign.pk]))

    assert response.status_code == 200
    assert [row.submission.version for row in response.context["versions"]] == [2, 1]
    assert response.context["current"].version == 2
    assert (response.context["submit_form"], response.context["withdraw_form"] is not None) == (None, True)


def test_parent_page_shows_receipts_to_higher_office(client, province_office, campaign, province):
    client.force_login(province_office)

    response = client.get(reverse("reporting:submissions", args=[province.pk]))

    assert response.status_code == 200
    assert [(r.campaign, r.state) for r in response.context["receipts"]] == [(campaign, ReceiptState.NOT_YET)]


def test_higher_office_reads_child_submissions_without_forms(client, province_office, admin_zhang, campaign):
    submit_upward(campaign=campaign, actor=admin_zhang, summary="")
    client.force_login(province_office)

    response = client.get(reverse("reporting:submissions", args=[campaign.pk]))

    assert response.status_code == 200
    assert (response.context["submit_form"], response.context["withdraw_form"]) == (None, None)


@pytest.mark.parametrize("count", [1, 3])
def test_receipt_page_queries_do_not_grow(client, province_office, province, count, django_assert_num_queries):
    for _ in range(count - 1):
        child = CampaignFactory(parent=province)
        Submission.objects.create(campaign=child, parent=province, snapshot={"totals": {"participants": "1"}})
    client.force_login(province_office)

    # session, user, campaign, memberships; receipts: deadline, children, submissions.
    with django_assert_num_queries(8):
        response = client.get(reverse("reporting:submissions", args=[province.pk]))

    assert len(response.context["receipts"]) == count
