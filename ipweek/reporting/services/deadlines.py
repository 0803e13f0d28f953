"""A campaign's deadlines, the open tasks they create for each unit, and reminders of those tasks.

A task is something a unit still owes the office for one activity: a filing not yet submitted,
a filing returned for changes, or a closing report missing once the activity is over. Tasks are
derived each time from the activities, filings and reports; nothing stores them. Reminders are
remembered as ``reminder.sent`` audit events, so ``send_reminders`` may run any number of times a
day and still mails each liaison at most once a day for each kind of task.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.permissions import CampaignAccess, access_for
from ipweek.core.audit import record_audit
from ipweek.core.cn import cn_date
from ipweek.core.models import AuditEvent
from ipweek.reporting.models import ActivityReport, CampaignDeadlines, Filing
from ipweek.units.models import Membership, Unit

REMIND_AHEAD = dt.timedelta(days=3)
REMINDER_ACTION = "reminder.sent"
# A closing report in one of these states is "in": the unit has done its part.
REPORT_DONE = (ActivityReport.Status.SUBMITTED, ActivityReport.Status.APPROVED, ActivityReport.Status.PUBLISHED)
REMINDED_CAMPAIGNS = (Campaign.Status.ISSUED, Campaign.Status.RUNNING, Campaign.Status.CLOSED)


class TaskKind(models.TextChoices):
    FILING_MISSING = "filing_missing", gettext_lazy("File the activity")
    FILING_RETURNED = "filing_returned", gettext_lazy("Revise the returned filing")
    REPORT_MISSING = "report_missing", gettext_lazy("Send the closing report")


@dataclass(frozen=True)
class Task:
    """One thing a unit still owes for one activity."""

    kind: TaskKind
    activity: Activity
    units: tuple[Unit, ...]
    due: dt.datetime | None
    is_overdue: bool
    comment: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.activity.pk}"

    @property
    def unit(self) -> Unit | None:
        return self.units[0] if self.units else None

    @property
    def label(self) -> str:
        return str(self.kind.label)

    def is_due_by(self, moment: dt.datetime) -> bool:
        return self.due is not None and self.due <= moment


@dataclass
class UnitTasks:
    unit: Unit | None
    tasks: list[Task] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(task.is_overdue for task in self.tasks)


# --- deadlines -----------------------------------------------------------------------------------


def deadlines_of(campaign: Campaign) -> CampaignDeadlines:
    """The campaign's deadlines, unsaved and empty when none have been set."""
    return CampaignDeadlines.objects.filter(campaign=campaign).first() or CampaignDeadlines(campaign=campaign)


def _moment(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


@transaction.atomic
def set_deadlines(
    *,
    campaign: Campaign,
    actor: User,
    filing_due: dt.datetime | None,
    report_due: dt.datetime | None,
    submission_due: dt.datetime | None,
) -> CampaignDeadlines:
    """Set when units must file and report and when lower levels must submit; records ``deadlines.updated``."""
    if filing_due and report_due and report_due < filing_due:
        raise ValidationError({"report_due": _("The report deadline is before the filing deadline.")})
    deadlines = CampaignDeadlines.objects.select_for_update().filter(campaign=campaign).first()
    deadlines = deadlines or CampaignDeadlines(campaign=campaign)
    new = {"filing_due": filing_due, "report_due": report_due, "submission_due": submission_due}
    changes = {
        name: [_moment(getattr(deadlines, name)), _moment(value)]
        for name, value in new.items()
        if getattr(deadlines, name) != value
    }
    if deadlines.pk is not None and not changes:
        return deadlines
    for name, value in new.items():
        setattr(deadlines, name, value)
    deadlines.save()
    record_audit(actor=actor, action="deadlines.updated", obj=deadlines, campaign_id=campaign.pk, changes=changes)
    return deadlines


# --- tasks ---------------------------------------------------------------------------------------


def _responsible_units(activity: Activity, filing: Filing | None) -> tuple[Unit, ...]:
    """Who owes the task: the unit that filed, else the lead units, else the co-organisers.

    Supporting units owe nothing; naming only one set keeps two units from being reminded of one task.
    """
    roles = list(activity.unit_roles.all())
    if filing is not None:
        filed = [role.unit for role in roles if role.unit_id == filing.unit_id]
        return tuple(filed) or (filing.unit,)
    for kind in (ActivityUnit.Role.LEAD, ActivityUnit.Role.CO_ORGANISER):
        units = tuple(role.unit for role in roles if role.role == kind)
        if units:
            return units
    return ()


def _has_ended(activity: Activity, filing: Filing | None, campaign: Campaign, now: dt.datetime) -> bool:
    if filing is not None and filing.ends_at is not None:
        return filing.ends_at <= now
    last_day = activity.last_date or campaign.end_date  # undated (宣传周期间) activities end with the week
    if activity.end_time is not None and activity.last_date is not None:
        return timezone.make_aware(dt.datetime.combine(last_day, activity.end_time)) <= now
    return last_day < timezone.localdate(now)


def _activities_with_filings(campaign: Campaign, unit_ids: frozenset[int] | None) -> list[Activity]:
    activities = (
        campaign.activities.exclude(status=Activity.Status.CANCELLED)
        .select_related("filing__unit")
        .prefetch_related(Prefetch("unit_roles", queryset=ActivityUnit.objects.select_related("unit")))
        .order_by("start_date", "start_time", "position", "pk")
    )
    if unit_ids is not None:
        activities = activities.filter(Q(unit_roles__unit_id__in=unit_ids) | Q(filing__unit_id__in=unit_ids))
        activities = activities.distinct()
    return list(activities)


def _filing_of(activity: Activity) -> Filing | None:
    try:
        return activity.filing
    except Filing.DoesNotExist:
        return None


def open_tasks(
    campaign: Campaign,
    *,
    unit_ids: frozenset[int] | None = None,
    now: dt.datetime | None = None,
    deadlines: CampaignDeadlines | None = None,
) -> list[Task]:
    """The campaign's open tasks, for the given units only when ``unit_ids`` is set; a fixed number of queries."""
    now = now or timezone.now()
    deadlines = deadlines or deadlines_of(campaign)
    activities = _activities_with_filings(campaign, unit_ids)
    reported = set(
        ActivityReport.objects.filter(
            activity__campaign=campaign, kind=ActivityReport.Kind.CLOSING, status__in=REPORT_DONE
        ).values_list("activity_id", flat=True)
    )
    tasks: list[Task] = []
    for activity in activities:
        filing = _filing_of(activity)
        units = _responsible_units(activity, filing)
        if unit_ids is not None:
            units = tuple(unit for unit in units if unit.pk in unit_ids)
            if not units:
                continue
        owed: list[tuple[TaskKind, dt.datetime | None, str]] = []
        if filing is None or filing.status == Filing.Status.DRAFT:
            owed.append((TaskKind.FILING_MISSING, deadlines.filing_due, ""))
        elif filing.status == Filing.Status.RETURNED:
            owed.append((TaskKind.FILING_RETURNED, deadlines.filing_due, filing.review_comment))
        if activity.pk not in reported and _has_ended(activity, filing, campaign, now):
            owed.append((TaskKind.REPORT_MISSING, deadlines.report_due, ""))
        tasks.extend(
            Task(kind, activity, units, due, is_overdue=due is not None and due < now, comment=comment)
            for kind, due, comment in owed
        )
    return tasks


def tasks_for_access(
    access: CampaignAccess, *, now: dt.datetime | None = None, deadlines: CampaignDeadlines | None = None
) -> list[Task]:
    """A liaison's own unit's tasks; everything for the office and for readers above."""
    if not access.can_view:
        return []
    unit_ids = None if access.can_manage or not access.liaison_unit_ids else access.liaison_unit_ids
    return open_tasks(access.campaign, unit_ids=unit_ids, now=now, deadlines=deadlines)


def pending_tasks_for(user: User, campaign: Campaign) -> list[Task]:
    """The open tasks ``user`` should see in ``campaign``, each with its due date and overdue flag."""
    return tasks_for_access(access_for(user, campaign))


def tasks_by_unit(tasks: list[Task]) -> list[UnitTasks]:
    """Tasks grouped under their (first) responsible unit, units by name, activities without units last."""
    groups: dict[int | None, UnitTasks] = {}
    for task in tasks:
        unit = task.unit
        groups.setdefault(unit.pk if unit else None, UnitTasks(unit)).tasks.append(task)
    return sorted(groups.values(), key=lambda group: (group.unit is None, group.unit.name if group.unit else ""))


# --- reminders -----------------------------------------------------------------------------------


@dataclass
class ReminderSummary:
    campaigns: int = 0
    sent: int = 0  # or, in a dry run, that would be sent
    skipped_already_reminded: int = 0
    without_address: int = 0
    lines: list[str] = field(default_factory=list)  # one per e-mail (to be) sent
    unreachable: list[str] = field(default_factory=list)  # liaisons with tasks but no e-mail address


def _reminded_kinds_today(campaign: Campaign, now: dt.datetime) -> dict[int, set[str]]:
    start_of_day = timezone.make_aware(dt.datetime.combine(timezone.localdate(now), dt.time()))
    kinds: dict[int, set[str]] = defaultdict(set)
    events = AuditEvent.objects.filter(
        action=REMINDER_ACTION, campaign_id=campaign.pk, object_type="accounts.user", at__gte=start_of_day
    ).values_list("object_id", "data")
    for user_id, data in events:
        kinds[int(user_id)].update(data.get("kinds", []))
    return kinds


def _reminder_text(campaign: Campaign, tasks: list[Task], link: str) -> tuple[str, str]:
    # Liaisons are Chinese offices: the reminder is in Chinese whatever the server's language.
    with translation.override("zh-hans"):
        subject = _("%(campaign)s: %(count)s open tasks") % {"campaign": campaign.title, "count": len(tasks)}
        lines = []
        for task in tasks:
            due = cn_date(timezone.localtime(task.due).date()) if task.due else ""
            state = _("overdue") if task.is_overdue else _("due %(date)s") % {"date": due}
            lines.append(f"- {task.activity.title}：{task.label}（{state}）")
        body = _(
            "Hello,\n\nYour unit has open tasks in the %(campaign)s:\n\n%(tasks)s\n\n"
            "See and complete them at %(link)s\n\nThis reminder is sent at most once a day.\n"
        ) % {"campaign": campaign.title, "tasks": "\n".join(lines), "link": link}
    return subject, body


def _liaisons_by_unit(campaign: Campaign) -> dict[int, list[User]]:
    liaisons: dict[int, list[User]] = defaultdict(list)
    memberships = Membership.objects.filter(
        campaign=campaign, role=Membership.Role.UNIT_LIAISON, user__is_active=True
    ).select_related("user")
    for membership in memberships:
        liaisons[membership.unit_id].append(membership.user)
    return liaisons


def _remind_campaign(
    campaign: Campaign, *, now: dt.datetime, dry_run: bool, base_url: str, summary: ReminderSummary
) -> None:
    horizon = now + REMIND_AHEAD
    tasks = [task for task in open_tasks(campaign, now=now) if task.is_due_by(horizon)]
    tasks_of_user: dict[int, dict[str, Task]] = defaultdict(dict)
    users: dict[int, User] = {}
    liaisons = _liaisons_by_unit(campaign)
    for task in tasks:
        for unit in task.units:
            for user in liaisons.get(unit.pk, []):
                users[user.pk] = user
                tasks_of_user[user.pk][task.key] = task
    already = _reminded_kinds_today(campaign, now)
    link = base_url.rstrip("/") + reverse("reporting:tasks", args=[campaign.pk])
    for user_id, user_tasks in tasks_of_user.items():
        user = users[user_id]
        due_tasks = [task for task in user_tasks.values() if task.kind.value not in already[user_id]]
        if not due_tasks:
            summary.skipped_already_reminded += 1
            continue
        if not user.email:
            summary.without_address += 1
            summary.unreachable.append(f"campaign {campaign.pk} {user.username}: {len(due_tasks)} task(s)")
            continue
        keys = ", ".join(task.key for task in due_tasks)
        summary.lines.append(f"campaign {campaign.pk} {user.username} <{user.email}>: {keys}")
        summary.sent += 1
        if dry_run:
            continue
        subject, body = _reminder_text(campaign, due_tasks, link)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        event = record_audit(
            actor=None,
            action=REMINDER_ACTION,
            obj=user,
            campaign_id=campaign.pk,
            tasks=[task.key for task in due_tasks],
            kinds=sorted({task.kind.value for task in due_tasks}),
        )
        # Dated by the run's clock, which decides what "today" is for the next run.
        AuditEvent.objects.filter(pk=event.pk).update(at=now)


def send_reminders(
    *, campaign: Campaign | None = None, now: dt.datetime | None = None, dry_run: bool = False, base_url: str = ""
) -> ReminderSummary:
    """E-mail each liaison whose unit has tasks due within three days or overdue.

    At most one e-mail a day per liaison and kind of task: each e-mail is remembered as a
    ``reminder.sent`` audit event on the liaison, so a second run the same day sends nothing.
    ``dry_run`` reports what would be sent and writes nothing. Without ``campaign``, every
    issued, running or closed campaign is reminded.
    """
    now = now or timezone.now()
    summary = ReminderSummary()
    campaigns = [campaign] if campaign else list(Campaign.objects.filter(status__in=REMINDED_CAMPAIGNS))
    for each in campaigns:
        summary.campaigns += 1
        _remind_campaign(each, now=now, dry_run=dry_run, base_url=base_url, summary=summary)
    return summary
