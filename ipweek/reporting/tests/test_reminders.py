import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.tests.factories import ActivityFactory, ActivityUnitFactory, MembershipFactory, UserFactory
from ipweek.core.models import AuditEvent
from ipweek.reporting.models import ActivityReport, CampaignDeadlines, Filing
from ipweek.reporting.services.deadlines import (
    TaskKind,
    open_tasks,
    pending_tasks_for,
    send_reminders,
    set_deadlines,
    tasks_by_unit,
)
from ipweek.reporting.tests.factories_filings import (
    CampaignDeadlinesFactory,
    ClosingReportFactory,
    FilingFactory,
    local,
)
from ipweek.units.models import Membership

# The campaign runs 20–26 April 2027; activity_of_a takes place on 21 April.
BEFORE_THE_WEEK = local(2027, 4, 14, 10)
AFTER_THE_WEEK = local(2027, 4, 28, 10)


def kinds(tasks):
    return sorted((task.kind.value, task.activity.title) for task in tasks)


@pytest.fixture
def live_campaign(campaign):
    campaign.status = Campaign.Status.RUNNING
    campaign.save()
    return campaign


# --- deadlines -----------------------------------------------------------------------------------


def test_set_deadlines_saves_and_records_the_changes(campaign, admin_zhang):
    set_deadlines(
        campaign=campaign, actor=admin_zhang, filing_due=local(2027, 4, 15, 18), report_due=None, submission_due=None
    )

    deadlines = CampaignDeadlines.objects.get(campaign=campaign)
    event = AuditEvent.objects.get(action="deadlines.updated")
    assert deadlines.filing_due == local(2027, 4, 15, 18)
    assert event.data["changes"]["filing_due"][0] is None


def test_set_deadlines_refuses_a_report_deadline_before_the_filing_deadline(campaign, admin_zhang):
    with pytest.raises(ValidationError) as refused:
        set_deadlines(
            campaign=campaign,
            actor=admin_zhang,
            filing_due=local(2027, 4, 15),
            report_due=local(2027, 4, 10),
            submission_due=None,
        )

    assert "report_due" in refused.value.message_dict
    assert not CampaignDeadlines.objects.exists()


# --- tasks ---------------------------------------------------------------------------------------


def test_open_tasks_lists_activities_without_a_filing_with_due_date(campaign, activity_of_a, activity_of_b):
    CampaignDeadlinesFactory(campaign=campaign)

    tasks = open_tasks(campaign, now=BEFORE_THE_WEEK)

    assert kinds(tasks) == [("filing_missing", activity_of_a.title), ("filing_missing", activity_of_b.title)]
    assert all(task.due == local(2027, 4, 15, 18) and not task.is_overdue for task in tasks)


def test_open_tasks_flags_overdue_filings(campaign, activity_of_a):
    CampaignDeadlinesFactory(campaign=campaign)

    [task] = open_tasks(campaign, now=local(2027, 4, 16))

    assert task.is_overdue


def test_open_tasks_counts_a_draft_as_not_filed_and_a_submission_as_done(campaign, activity_of_a, activity_of_b):
    FilingFactory(activity=activity_of_a, status=Filing.Status.DRAFT)
    FilingFactory(activity=activity_of_b, status=Filing.Status.SUBMITTED)

    tasks = open_tasks(campaign, now=BEFORE_THE_WEEK)

    assert kinds(tasks) == [("filing_missing", activity_of_a.title)]


def test_open_tasks_lists_returned_filings_with_the_comment(campaign, activity_of_a, unit_a):
    FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.RETURNED, review_comment="补充安保")

    [task] = open_tasks(campaign, now=BEFORE_THE_WEEK)

    assert (task.kind, task.comment, task.unit) == (TaskKind.FILING_RETURNED, "补充安保", unit_a)


def test_open_tasks_asks_for_a_closing_report_once_the_activity_is_over(campaign, activity_of_a, unit_a):
    FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.APPROVED)
    CampaignDeadlinesFactory(campaign=campaign)

    during = open_tasks(campaign, now=local(2027, 4, 21, 10))
    after = open_tasks(campaign, now=AFTER_THE_WEEK)

    assert during == []
    assert kinds(after) == [("report_missing", activity_of_a.title)]
    assert after[0].due == local(2027, 4, 30, 18)


@pytest.mark.parametrize(
    ("status", "open_"),
    [
        (ActivityReport.Status.DRAFT, True),
        (ActivityReport.Status.RETURNED, True),
        (ActivityReport.Status.SUBMITTED, False),
        (ActivityReport.Status.APPROVED, False),
        (ActivityReport.Status.PUBLISHED, False),
    ],
)
def test_open_tasks_closes_the_report_task_once_a_closing_report_is_in(campaign, activity_of_a, unit_a, status, open_):
    FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.APPROVED)
    ClosingReportFactory(activity=activity_of_a, unit=unit_a, status=status)

    tasks = open_tasks(campaign, now=AFTER_THE_WEEK)

    assert bool(tasks) is open_


def test_open_tasks_ignores_news_reports_and_cancelled_activities(campaign, activity_of_a, activity_of_b, unit_a):
    FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.APPROVED)
    ClosingReportFactory(activity=activity_of_a, unit=unit_a, kind=ActivityReport.Kind.NEWS)
    activity_of_b.status = Activity.Status.CANCELLED
    activity_of_b.save()

    tasks = open_tasks(campaign, now=AFTER_THE_WEEK)

    assert kinds(tasks) == [("report_missing", activity_of_a.title)]


def test_pending_tasks_for_a_liaison_are_their_units_only(campaign, coordinator_li, activity_of_a, activity_of_b):
    tasks = pending_tasks_for(coordinator_li, campaign)

    assert kinds(tasks) == [("filing_missing", activity_of_a.title)]


def test_pending_tasks_for_the_office_are_everyones_grouped_by_unit(
    campaign, admin_zhang, activity_of_a, activity_of_b, unit_a, unit_b
):
    tasks = pending_tasks_for(admin_zhang, campaign)

    groups = tasks_by_unit(tasks)
    assert {group.unit for group in groups} == {unit_a, unit_b}
    assert len(tasks) == 2


def test_tasks_go_to_the_lead_unit_not_to_supporting_units(campaign, unit_a, unit_b, outsider_wang):
    activity = ActivityFactory(campaign=campaign)
    ActivityUnitFactory(activity=activity, unit=unit_a, role=ActivityUnit.Role.LEAD)
    ActivityUnitFactory(activity=activity, unit=unit_b, role=ActivityUnit.Role.SUPPORTING)

    assert pending_tasks_for(outsider_wang, campaign) == []


def test_pending_tasks_for_a_stranger_are_none(campaign, activity_of_a):
    stranger = UserFactory(username="stranger")

    assert pending_tasks_for(stranger, campaign) == []


# --- reminders -----------------------------------------------------------------------------------


@pytest.fixture
def li_with_address(coordinator_li):
    coordinator_li.email = "li@example.cn"
    coordinator_li.save()
    return coordinator_li


def test_send_reminders_mails_liaisons_with_tasks_due_soon(live_campaign, activity_of_a, li_with_address):
    CampaignDeadlinesFactory(campaign=live_campaign)

    summary = send_reminders(now=local(2027, 4, 13, 8))

    assert summary.sent == 1
    [message] = mail.outbox
    assert message.to == ["li@example.cn"]
    assert activity_of_a.title in message.body
    assert f"/campaigns/{live_campaign.pk}/tasks/" in message.body


def test_send_reminders_skips_tasks_not_yet_due(live_campaign, activity_of_a, li_with_address):
    CampaignDeadlinesFactory(campaign=live_campaign)

    summary = send_reminders(now=local(2027, 4, 1, 8))

    assert summary.sent == 0
    assert mail.outbox == []


def test_send_reminders_skips_tasks_without_a_deadline(live_campaign, activity_of_a, li_with_address):
    summary = send_reminders(now=local(2027, 4, 13, 8))

    assert summary.sent == 0


def test_send_reminders_twice_on_one_day_sends_once(live_campaign, activity_of_a, li_with_address):
    CampaignDeadlinesFactory(campaign=live_campaign)

    first = send_reminders(now=local(2027, 4, 16, 8))
    second = send_reminders(now=local(2027, 4, 16, 17))

    assert (first.sent, second.sent, second.skipped_already_reminded) == (1, 0, 1)
    assert len(mail.outbox) == 1
    event = AuditEvent.objects.get(action="reminder.sent")
    assert event.data["tasks"] == [f"filing_missing:{activity_of_a.pk}"]


def test_send_reminders_sends_again_the_next_day(live_campaign, activity_of_a, li_with_address):
    CampaignDeadlinesFactory(campaign=live_campaign)
    AuditEvent.objects.create(
        at=local(2027, 4, 15, 8),
        action="reminder.sent",
        object_type="accounts.user",
        object_id=str(li_with_address.pk),
        campaign_id=live_campaign.pk,
        data={"kinds": ["filing_missing"]},
    )

    summary = send_reminders(now=local(2027, 4, 16, 8))

    assert summary.sent == 1


def test_send_reminders_reminds_a_new_kind_the_same_day(live_campaign, activity_of_a, li_with_address, unit_a):
    CampaignDeadlinesFactory(campaign=live_campaign)
    send_reminders(now=local(2027, 4, 16, 8))
    other = ActivityFactory(campaign=live_campaign, start_date=dt.date(2027, 4, 10), start_time=None)
    ActivityUnitFactory(activity=other, unit=unit_a)
    FilingFactory(
        activity=other,
        unit=unit_a,
        status=Filing.Status.APPROVED,
        starts_at=local(2027, 4, 10, 9),
        ends_at=local(2027, 4, 10, 12),
    )
    CampaignDeadlines.objects.update(report_due=local(2027, 4, 17))

    summary = send_reminders(now=local(2027, 4, 16, 9))

    assert summary.sent == 1
    assert f"report_missing:{other.pk}" in AuditEvent.objects.filter(action="reminder.sent").first().data["tasks"]


def test_send_reminders_dry_run_sends_and_records_nothing(live_campaign, activity_of_a, li_with_address):
    CampaignDeadlinesFactory(campaign=live_campaign)

    summary = send_reminders(now=local(2027, 4, 16, 8), dry_run=True)

    assert summary.sent == 1
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="reminder.sent").exists()


def test_send_reminders_counts_liaisons_without_an_address(live_campaign, activity_of_a, coordinator_li):
    CampaignDeadlinesFactory(campaign=live_campaign)

    summary = send_reminders(now=local(2027, 4, 16, 8))

    assert (summary.sent, summary.without_address) == (0, 1)


def test_send_reminders_leaves_draft_campaigns_alone(campaign, activity_of_a, li_with_address):
    CampaignDeadlinesFactory(campaign=campaign)

    summary = send_reminders(now=local(2027, 4, 16, 8))

    assert (summary.campaigns, summary.sent) == (0, 0)


def test_send_reminders_reaches_every_liaison_of_the_unit(live_campaign, activity_of_a, li_with_address, unit_a):
    second = UserFactory(username="li2", email="li2@example.cn")
    MembershipFactory(user=second, campaign=live_campaign, unit=unit_a, role=Membership.Role.UNIT_LIAISON)
    CampaignDeadlinesFactory(campaign=live_campaign)

    send_reminders(now=local(2027, 4, 16, 8))

    assert sorted(message.to[0] for message in mail.outbox) == ["li2@example.cn", "li@example.cn"]


def test_send_reminders_command_run_twice_sends_once(live_campaign, activity_of_a, li_with_address):
    CampaignDeadlinesFactory(campaign=live_campaign, filing_due=timezone.now() + dt.timedelta(days=1))
    first, second = StringIO(), StringIO()

    call_command("send_reminders", "--campaign", str(live_campaign.pk), stdout=first)
    call_command("send_reminders", "--campaign", str(live_campaign.pk), stdout=second)

    assert len(mail.outbox) == 1
    assert "sent 1 reminder" in first.getvalue()
    assert "sent 0 reminder" in second.getvalue()


def test_send_reminders_command_dry_run_lists_without_sending(live_campaign, activity_of_a, li_with_address):
    CampaignDeadlinesFactory(campaign=live_campaign, filing_due=timezone.now() - dt.timedelta(days=1))
    out = StringIO()

    call_command("send_reminders", "--dry-run", stdout=out)

    assert mail.outbox == []
    assert "would send: " in out.getvalue()
    assert "li@example.cn" in out.getvalue()


def test_send_reminders_command_refuses_an_unknown_campaign(db):
    with pytest.raises(CommandError):
        call_command("send_reminders", "--campaign", "999999")
