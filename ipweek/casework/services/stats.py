"""Statistics of casework for a period: counts by type, channel, IP type, status and outcome, time to decision.

Counting happens in the database: one grouped query gives every combination of type, channel, IP
type, status and outcome with its count, and the breakdowns are folded from those few rows. Time to
decision needs each decided case's two dates (working days cannot be summed in SQL, because the
holiday calendar lives in Python), so only those two columns of decided cases are read. Desk entries
are counted the same way. Nothing here reads or returns personal data.
"""

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Campaign
from ipweek.campaigns.permissions import campaigns_visible_to
from ipweek.casework.deadlines import Rule, acceptance_rule
from ipweek.casework.models import Case, DeskEntry
from ipweek.casework.models.cases import IpType
from ipweek.casework.permissions import CaseworkAccess, offices_filter
from ipweek.core.workdays import working_days_between
from ipweek.units.models import Unit

# Longer than this and working days are not counted (the calendar refuses spans over ten years).
MAX_PERIOD_DAYS = 3650
NO_OUTCOME = "none"


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included (local dates); ``campaign`` when it is a campaign's week."""

    start: dt.date
    end: dt.date
    campaign: Campaign | None = None

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware moments [start 00:00, day after end 00:00) in the site's time zone, so an index can be used."""
        zone = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        return start, end


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class DecisionTimes:
    """Working days from receipt to decision of the decided cases, and how many kept the acceptance limit."""

    key: str
    label: str
    decided: int
    median: float | None
    mean: float | None
    within_limit: int
    limit: str = ""


@dataclass(frozen=True)
class Statistics:
    period: Period
    office_names: list[str]
    total: int
    by_kind: list[Row]
    by_channel: list[Row]
    by_ip_type: list[Row]
    by_status: list[Row]
    by_outcome: list[Row]
    decisions: DecisionTimes
    decisions_by_kind: list[DecisionTimes]
    desk_total: int
    desk_by_topic: list[Row]
    desk_by_outcome: list[Row]
    breakdowns: list[tuple[str, str, list[Row]]] = field(default_factory=list)


def visible_offices(access: CaseworkAccess) -> QuerySet[Unit]:
    """Offices whose cases the user may count: those they handle or read (superusers: any with cases)."""
    if access.is_superuser:
        return Unit.objects.filter(pk__in=Case.objects.values("office_id")).order_by("name")
    return Unit.objects.filter(pk__in=access.handles | access.reads).order_by("name")


def campaign_choices(user: User) -> QuerySet[Campaign]:
    """Campaigns whose week the user may pick as the period."""
    return campaigns_visible_to(user).select_related("region").order_by("-start_date", "-pk")


def default_period(user: User, today: dt.date | None = None) -> Period:
    """The latest campaign week the user can see, or this year so far."""
    today = today or timezone.localdate()
    campaign = campaign_choices(user).filter(start_date__lte=today).first()
    if campaign is not None:
        return Period(campaign.start_date, campaign.end_date, campaign)
    return Period(dt.date(today.year, 1, 1), today)


def cases_in(access: CaseworkAccess, period: Period, office_id: int | None = None) -> QuerySet[Case]:
    """The visible cases received in ``period`` (optionally of one office)."""
    start, end = period.bounds()
    cases = Case.objects.filter(offices_filter(access), received_at__gte=start, received_at__lt=end)
    return cases.filter(office_id=office_id) if office_id else cases


def desk_entries_in(access: CaseworkAccess, period: Period, office_id: int | None = None) -> QuerySet[DeskEntry]:
    start, end = period.bounds()
    entries = DeskEntry.objects.filter(offices_filter(access, "unit_id"), recorded_at__gte=start, recorded_at__lt=end)
    return entries.filter(unit_id=office_id) if office_id else entries


def _rows(choices: Iterable[tuple[str, Any]], counts: Counter[str]) -> list[Row]:
    return [Row(key, str(label), counts.get(key, 0)) for key, label in choices]


def _duration(rule: Rule, received: dt.datetime, decided: dt.datetime) -> tuple[int, bool]:
    """(working days from receipt to decision, whether that kept the rule's limit)."""
    start, end = timezone.localdate(received), timezone.localdate(decided)
    working = working_days_between(start, end)
    used = working if rule.working_days else (end - start).days
    return working, used <= rule.days


def _decision_times(key: str, label: str, durations: list[tuple[int, bool]], limit: str = "") -> DecisionTimes:
    days = [d for d, _ok in durations]
    return DecisionTimes(
        key=key,
        label=label,
        decided=len(days),
        median=float(statistics.median(days)) if days else None,
        mean=round(statistics.fmean(days), 1) if days else None,
        within_limit=sum(1 for _d, ok in durations if ok),
        limit=limit,
    )


def decision_times(cases: QuerySet[Case]) -> tuple[DecisionTimes, list[DecisionTimes]]:
    """Overall and per type; reads only the type and the two moments of decided cases."""
    by_kind: dict[str, list[tuple[int, bool]]] = {kind: [] for kind in Case.Kind.values}
    decided = cases.filter(decided_at__isnull=False).values_list("kind", "channel", "received_at", "decided_at")
    for kind, channel, received, decided_at in decided.order_by():
        if decided_at is None or decided_at < received or (decided_at - received).days > MAX_PERIOD_DAYS:
            continue  # a typo in a date must not stop the page
        # The limit of the case's own way in: a report found during an inspection has 5 working days, not 10.
        by_kind[kind].append(_duration(acceptance_rule(kind, channel), received, decided_at))
    per_kind = [
        _decision_times(kind, str(label), by_kind[kind], acceptance_rule(kind).describe())
        for kind, label in Case.Kind.choices
    ]
    everything = [duration for durations in by_kind.values() for duration in durations]
    return _decision_times("all", _("All types"), everything), per_kind


def _office_names(access: CaseworkAccess, office_id: int | None) -> list[str]:
    if office_id:
        return list(visible_offices(access).filter(pk=office_id).values_list("name", flat=True))
    if access.is_superuser:
        return [_("All offices")]
    return list(visible_offices(access).values_list("name", flat=True))


def case_statistics(access: CaseworkAccess, period: Period, office_id: int | None = None) -> Statistics:
    """Every breakdown of the visible cases received in ``period``; a handful of queries whatever the volume."""
    cases = cases_in(access, period, office_id)
    fields = ("kind", "channel", "ip_type", "status", "outcome")
    counters: dict[str, Counter[str]] = {name: Counter() for name in fields}
    for *values, count in cases.values_list(*fields).annotate(n=Count("pk")).order_by():
        for name, value in zip(fields, values, strict=True):
            counters[name][value or NO_OUTCOME] += count
    overall, per_kind = decision_times(cases)
    topics: Counter[str] = Counter()
    desk_outcomes: Counter[str] = Counter()
    desk = desk_entries_in(access, period, office_id)
    for topic, outcome, count in desk.values_list("topic", "outcome").annotate(n=Count("pk")).order_by():
        topics[topic] += count
        desk_outcomes[outcome] += count
    outcome_choices = [*Case.Outcome.choices, (NO_OUTCOME, _("No outcome yet"))]
    by_kind = _rows(Case.Kind.choices, counters["kind"])
    by_channel = _rows(Case.Channel.choices, counters["channel"])
    by_ip_type = _rows(IpType.choices, counters["ip_type"])
    by_status = _rows(Case.Status.choices, counters["status"])
    by_outcome = _rows(outcome_choices, counters["outcome"])
    return Statistics(
        period=period,
        office_names=_office_names(access, office_id),
        total=sum(counters["kind"].values()),
        by_kind=by_kind,
        by_channel=by_channel,
        by_ip_type=by_ip_type,
        by_status=by_status,
        by_outcome=by_outcome,
        decisions=overall,
        decisions_by_kind=per_kind,
        desk_total=sum(topics.values()),
        desk_by_topic=_rows(DeskEntry.Topic.choices, topics),
        desk_by_outcome=_rows(DeskEntry.Outcome.choices, desk_outcomes),
        breakdowns=[
            ("kind", _("By type"), by_kind),
            ("channel", _("By channel"), by_channel),
            ("ip_type", _("By IP type"), by_ip_type),
            ("status", _("By status"), by_status),
            ("outcome", _("By outcome"), by_outcome),
        ],
    )
