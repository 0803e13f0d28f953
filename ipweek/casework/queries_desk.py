"""What a desk shows and which desks a user may staff: reads only (changes live in ``services/desk.py``)."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity
from ipweek.casework.masking import mask_contact
from ipweek.casework.models import DeskEntry
from ipweek.casework.permissions import casework_access
from ipweek.casework.services.desk import DESK_ROLES
from ipweek.casework.services.intake import office_for_campaign
from ipweek.units.models import Membership

Outcome = DeskEntry.Outcome


def desk_activities(user: User) -> list[Activity]:
    """The activities whose desk ``user`` may staff (same rule as :func:`desk_access`), square days first."""
    rows = list(Membership.objects.filter(user=user).values_list("campaign_id", "unit_id", "role"))
    own: dict[int, set[int]] = {}
    for campaign_id, unit_id, role in rows:
        own.setdefault(campaign_id, set()).update([unit_id] if role in DESK_ROLES else [])
    handles = casework_access(user).handles
    activities = (
        Activity.objects.filter(campaign_id__in=own)
        .exclude(status=Activity.Status.CANCELLED)
        .select_related("campaign__region", "campaign__organiser")
        .prefetch_related("unit_roles")
        .order_by("-campaign__year", "start_date", "position", "pk")
    )
    offices: dict[int, int] = {}
    desks = []
    for activity in activities:
        if activity.campaign_id not in offices:
            offices[activity.campaign_id] = office_for_campaign(activity.campaign).pk
        units = {role.unit_id for role in activity.unit_roles.all()}
        if offices[activity.campaign_id] in handles or units & own[activity.campaign_id]:
            desks.append(activity)
    return sorted(desks, key=lambda a: a.category != Activity.Category.SQUARE_DAY)


@dataclass(frozen=True)
class DeskRow:
    """One recent entry as the desk list shows it: the contact is always masked."""

    pk: int
    recorded_at: dt.datetime
    topic: str
    ip_type: str
    outcome: str
    unit: str
    note: str
    contact: str
    case_number: str


@dataclass(frozen=True)
class DeskSummary:
    total: int
    today: int
    by_topic: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    recent: list[DeskRow]


def desk_summary(activity: Activity, *, today: dt.date | None = None, recent: int = 20) -> DeskSummary:
    """The counts the desk shows (all units together), and its latest entries with masked contacts."""
    today = today or timezone.localdate()
    entries = DeskEntry.objects.filter(activity=activity)
    groups = list(entries.values_list("topic", "outcome").annotate(n=Count("pk")).order_by())
    topics, outcomes = Counter[str](), Counter[str]()
    for topic, outcome, count in groups:
        topics[topic] += count
        outcomes[outcome] += count
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    latest = entries.select_related("unit", "case").order_by("-recorded_at", "-pk")[:recent]
    return DeskSummary(
        total=sum(topics.values()),
        today=entries.filter(recorded_at__gte=start, recorded_at__lt=start + dt.timedelta(days=1)).count(),
        by_topic=[(str(label), topics[value]) for value, label in DeskEntry.Topic.choices if topics[value]],
        by_outcome=[(str(label), outcomes[value]) for value, label in Outcome.choices if outcomes[value]],
        recent=[_row(entry) for entry in latest],
    )


def _row(entry: DeskEntry) -> DeskRow:
    return DeskRow(
        pk=entry.pk, recorded_at=entry.recorded_at, topic=entry.get_topic_display(),
        ip_type=entry.get_ip_type_display(), outcome=entry.get_outcome_display(),
        unit=entry.unit.short_name or entry.unit.name, note=entry.note, contact=mask_contact(entry.contact),
        case_number=entry.case.number if entry.case else "",
    )  # fmt: skip


def follow_up_entries(activity: Activity) -> list[DeskEntry]:
    """Entries with a contact left for a call back: for the intake office's caseworkers only."""
    return list(
        DeskEntry.objects.filter(activity=activity)
        .exclude(contact="")
        .select_related("unit", "recorded_by")
        .order_by("-recorded_at", "-pk")
    )
