"""Rolled-up figures of a campaign and the levels below it, and the progress of its activities.

Counting rule
-------------
1. Only figures of closing reports that count are added: kind "closing", status approved or
   published (``ActivityReport.counts_in_rollup``). Drafts, submitted or returned reports and
   same-day news never count, whatever their figures say.
2. The scope is the campaign and, with ``include_descendants``, every campaign below it
   (nation → province → city → county, at most four levels, see :func:`descendant_ids`).
3. Figures are summed per metric. Free-form figures (metric "other") are summed per label
   (trimmed; a blank label sums under "其他"), never into one number, and stay out of the breakdowns.
4. No double counting: an activity ``linked_to`` another activity that is also inside the scope is
   the same event (a county's sub-venue of the city's launch ceremony); its figures are part of the
   linked activity's figures and are not added again. When the linked activity is outside the
   scope (rolling up only the county), they count. Activity counts follow the same rule and leave
   out cancelled activities; figures follow the reports only.
5. Breakdowns:
   - by region: one row for the campaign's own activities (its region, "this level") and one row
     per direct child campaign holding that child's whole subtree — what a parent compares;
   - by category: ``Activity.category``;
   - by outreach channel: the six ``outreach_*`` categories (进机关/进企业/进校园/进社区/进商场/进乡镇),
     always all six rows, zeros included;
   - by priority (宣传重点): an activity has no priority field, so each item of the rolled-up
     campaign's "priorities" plan section gives keywords (see :func:`priority_keywords`); an
     activity belongs to the first item, in plan order, one of whose keywords occurs in its title or
     description, else to "Other". No priorities section → no rows.
6. Everything is summed in the database, in a fixed number of queries however many activities and
   figures there are: one per level of the tree, one for the priorities, and one aggregate. The
   aggregate works out each activity's keys (region, category, priority, linked or not, reported
   or not) once, in a CTE that the ORM builds, and joins the figures to it in a hand-written
   GROUP BY — matching keywords once per activity instead of once per figure is what keeps a
   national rollup (10⁵ activities, 5·10⁵ figures) under a second on PostgreSQL.
"""

import datetime as dt
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Case,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.utils import timezone
from django.utils.translation import gettext as _

from ipweek.campaigns.models import Activity, ActivityUnit, Campaign, PlanItem, PlanSection
from ipweek.campaigns.permissions import CampaignAccess
from ipweek.reporting.models import ActivityReport, CampaignDeadlines, Figure, Filing
from ipweek.units.models import Unit

MAX_DEPTH = 4  # nation → province → city → county
COUNTING_STATUSES = [ActivityReport.Status.APPROVED, ActivityReport.Status.PUBLISHED]
REPORTED_STATUSES = [ActivityReport.Status.SUBMITTED, *COUNTING_STATUSES]
OUTREACH_CHANNELS = [
    Activity.Category.OUTREACH_AGENCIES,
    Activity.Category.OUTREACH_ENTERPRISES,
    Activity.Category.OUTREACH_SCHOOLS,
    Activity.Category.OUTREACH_COMMUNITIES,
    Activity.Category.OUTREACH_MALLS,
    Activity.Category.OUTREACH_TOWNSHIPS,
]
SUMMED_METRICS = [metric for metric in Figure.Metric if metric != Figure.Metric.OTHER]
UNMATCHED_PRIORITY = -1
_CENT = Decimal("0.01")
_SUM_FIELD = DecimalField(max_digits=20, decimal_places=2)  # wider than one figure: sums of a nation

Totals = dict[str, Decimal]


# --- The tree of campaigns ---------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignTree:
    """A campaign and its descendants: ids root first, each one's parent, and region names."""

    root_id: int
    ids: list[int]
    parent_of: dict[int, int | None]
    region_of: dict[int, tuple[str, str]]  # id → (region code, region name)

    def subtrees(self) -> dict[int, list[int]]:
        """Each direct child of the root with the ids of its whole subtree (itself included)."""
        top: dict[int, int] = {}
        for campaign_id in self.ids[1:]:  # parents come before their children in ``ids``
            parent_id = self.parent_of[campaign_id]
            top[campaign_id] = campaign_id if parent_id == self.root_id else top[parent_id]  # type: ignore[index]
        grouped: dict[int, list[int]] = defaultdict(list)
        for campaign_id, child_id in top.items():
            grouped[child_id].append(campaign_id)
        return dict(grouped)


def campaign_tree(campaign: Campaign, *, include_descendants: bool = True) -> CampaignTree:
    """The tree below ``campaign``: one query per level, at most four levels, cycles ignored."""
    rows = list(
        Campaign.objects.filter(
            Q(pk=campaign.pk) | Q(parent_id=campaign.pk) if include_descendants else Q(pk=campaign.pk)
        )
        .order_by("region__code", "pk")
        .values_list("pk", "parent_id", "region__code", "region__name")
    )
    parent_of: dict[int, int | None] = {campaign.pk: None}
    region_of: dict[int, tuple[str, str]] = {}
    ids = [campaign.pk]
    frontier: list[int] = []
    for level in range(MAX_DEPTH - 1):  # the root's level and three below it: the deepest tree there is
        if level > 0:
            if not frontier:
                break
            rows = list(
                Campaign.objects.filter(parent_id__in=frontier)
                .order_by("region__code", "pk")
                .values_list("pk", "parent_id", "region__code", "region__name")
            )
        frontier = []
        for pk, parent_id, code, name in rows:
            if pk == campaign.pk:
                region_of[pk] = (code, name)
            elif pk not in parent_of:  # a campaign met twice is a cycle: keep the first place only
                parent_of[pk] = parent_id
                region_of[pk] = (code, name)
                ids.append(pk)
                frontier.append(pk)
        if not include_descendants:
            break
    return CampaignTree(root_id=campaign.pk, ids=ids, parent_of=parent_of, region_of=region_of)


def descendant_ids(campaign: Campaign) -> list[int]:
    """``campaign``'s id and those of every campaign below it, parents before children."""
    return campaign_tree(campaign).ids


# --- Priorities (宣传重点) ------------------------------------------------------------------------

_BOOK_TITLE = re.compile(r"《([^《》]{1,40})》")
_QUOTED = re.compile(r"[“\"]([^“”\"]{2,20})[”\"]")
_PHRASE_BREAK = re.compile(r"[\s，,、；;。.：:！!？?（）()《》“”\"'‘’【】\[\]—…·/]+|[和与及等的]")
_GENERIC_WORDS = {"知识产权", "宣传", "宣传周", "活动", "开展", "工作", "加强", "深入", "全面", "进一步", "普及"}
_KEYWORD_LENGTH = range(2, 9)


def priority_keywords(text: str) -> list[str]:
    """The keywords of one priority: its 《titles》 and “quotes”, and its short phrases.

    A short phrase is 2–8 characters between punctuation or the connectives 和/与/及/等/的, and
    not a word every activity shares (知识产权, 宣传, 活动…). Deliberately simple: Chinese has no
    spaces, and a plan's priorities are written for people, not for matching.
    """
    found = [match.group(1).strip() for match in _BOOK_TITLE.finditer(text)]
    found += [match.group(1).strip() for match in _QUOTED.finditer(text)]
    found += [phrase.strip() for phrase in _PHRASE_BREAK.split(text)]
    keywords: list[str] = []
    for word in found:
        if len(word) in _KEYWORD_LENGTH and word not in _GENERIC_WORDS and word not in keywords:
            keywords.append(word)
    return keywords


@dataclass(frozen=True)
class Priority:
    index: int
    label: str
    keywords: list[str]


def campaign_priorities(campaign_id: int) -> list[Priority]:
    """The items of the campaign's "priorities" plan sections, in plan order, with their keywords."""
    items = PlanItem.objects.filter(
        section__campaign_id=campaign_id, section__kind=PlanSection.Kind.PRIORITIES
    ).order_by("section__position", "section_id", "position", "pk")
    priorities = []
    for index, item in enumerate(items):
        label = item.title or item.body[:30]
        keywords = priority_keywords(f"{item.title}，{item.body}")
        priorities.append(Priority(index=index, label=label, keywords=keywords))
    return priorities


def _priority_case(priorities: list[Priority], prefix: str = "") -> Combinable:
    whens = []
    for priority in priorities:
        matches = Q()
        for keyword in priority.keywords:
            matches |= Q(**{f"{prefix}title__contains": keyword}) | Q(**{f"{prefix}description__contains": keyword})
        if priority.keywords:
            whens.append(When(matches, then=Value(priority.index)))
    if not whens:
        return Value(UNMATCHED_PRIORITY, output_field=IntegerField())
    return Case(*whens, default=Value(UNMATCHED_PRIORITY), output_field=IntegerField())


# --- The rollup --------------------------------------------------------------------------------


@dataclass
class BreakdownRow:
    """One row of a breakdown: its totals per metric ("other" left out) and activity counts."""

    key: str
    label: str
    totals: Totals = field(default_factory=dict)
    activity_count: int = 0
    reported_count: int = 0

    def value(self, metric: str) -> Decimal:
        return self.totals.get(metric, Decimal(0))

    def add(self, metric: str, value: Decimal) -> None:
        self.totals[metric] = self.totals.get(metric, Decimal(0)) + value

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "totals": {metric: str(value) for metric, value in self.totals.items()},
            "activities": self.activity_count,
            "reported": self.reported_count,
        }


@dataclass
class Rollup:
    """The counted figures of a campaign (and those below it), with breakdowns; see the module docstring."""

    campaign_id: int
    campaign_ids: list[int]
    totals: Totals
    other: Totals  # free-form figures, label → sum
    by_region: list[BreakdownRow]
    by_category: list[BreakdownRow]
    by_priority: list[BreakdownRow]
    by_channel: list[BreakdownRow]
    activity_count: int
    reported_count: int
    generated_at: dt.datetime

    def total(self, metric: str) -> Decimal:
        return self.totals.get(metric, Decimal(0))

    def metric_rows(self) -> list[tuple[str, str, Decimal]]:
        """(metric, label, total) of the metrics that have figures, in the order of ``Figure.Metric``."""
        return [(m.value, str(m.label), self.totals[m.value]) for m in Figure.Metric if m.value in self.totals]

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready copy (decimals as strings) — what a submission freezes."""
        return {
            "campaign_id": self.campaign_id,
            "campaign_count": len(self.campaign_ids),
            "generated_at": self.generated_at.isoformat(),
            "totals": {metric: str(value) for metric, value in self.totals.items()},
            "other": {label: str(value) for label, value in self.other.items()},
            "activities": {"total": self.activity_count, "reported": self.reported_count},
            "by_region": [row.as_json() for row in self.by_region],
            "by_category": [row.as_json() for row in self.by_category],
            "by_priority": [row.as_json() for row in self.by_priority],
            "by_channel": [row.as_json() for row in self.by_channel],
        }


def counted_figures(scope_ids: list[int]) -> QuerySet[Figure]:
    """Figures that count in a rollup over these campaigns (rules 1 and 4 of the module docstring)."""
    return Figure.objects.filter(
        report__kind=ActivityReport.Kind.CLOSING,
        report__status__in=COUNTING_STATUSES,
        report__activity__campaign_id__in=scope_ids,
    ).filter(_not_linked_inside(scope_ids, "report__activity__"))


def _not_linked_inside(scope_ids: Any, prefix: str = "") -> Q:
    return Q(**{f"{prefix}linked_to__isnull": True}) | ~Q(**{f"{prefix}linked_to__campaign_id__in": scope_ids})


def _top_campaign(tree: CampaignTree) -> Combinable:
    """For an activity: the direct child of the root its campaign sits under, or the root itself.

    Follows ``parent`` up to three times (joins on the small campaign table), cheaper per row than
    a list of ids per child.
    """
    root = tree.root_id
    if len(tree.ids) == 1:
        return Value(root, output_field=IntegerField())
    return Case(
        When(campaign__parent_id=root, then=F("campaign_id")),
        When(campaign__parent__parent_id=root, then=F("campaign__parent_id")),
        When(campaign__parent__parent__parent_id=root, then=F("campaign__parent__parent_id")),
        default=Value(root),
        output_field=IntegerField(),
    )


def _campaigns_in_scope(tree: CampaignTree) -> Any:
    """The tree's campaigns as a subquery: a national tree has 3,162, too many to send as parameters."""
    root = tree.root_id
    if len(tree.ids) == 1:
        return [root]
    below = Q(pk=root) | Q(parent_id=root) | Q(parent__parent_id=root) | Q(parent__parent__parent_id=root)
    return Campaign.objects.filter(below).values("pk")


def _scoped_activities(tree: CampaignTree, priorities: list[Priority]) -> QuerySet[Activity, Any]:
    """One row per activity in scope (linked ones left out, rule 4) with the keys of every breakdown."""
    scope = _campaigns_in_scope(tree)
    return (
        Activity.objects.filter(campaign_id__in=scope)
        .filter(_not_linked_inside(scope))
        .values(
            activity_id=F("pk"),
            top_id=_top_campaign(tree),
            category_key=F("category"),
            priority_key=_priority_case(priorities),
            status_key=F("status"),
            is_counted=Exists(_counting_reports()),
        )
        .order_by()
    )


# The keys of each activity are worked out once per activity in a CTE (the keyword match is the
# costly part); the counted reports take them over, the figures are summed per combination of keys,
# and those sums are summed again per breakdown, so that a few hundred rows come back whatever the
# size. The ORM builds the first CTE; the joins and GROUP BYs are written out.
_AGGREGATE_SQL = """
WITH scoped (activity_id, top_id, category, priority, status, is_counted) AS {materialized} ({scoped}),
counted_reports AS (
  SELECT r.id AS report_id, s.top_id, s.category, s.priority
    FROM {report} r JOIN scoped s ON s.activity_id = r.activity_id
   WHERE r.kind = %s AND r.status IN (%s, %s)
),
sums AS (
  SELECT c.top_id, c.category, c.priority, f.metric,
         CASE WHEN f.metric = %s THEN f.label ELSE '' END AS label, SUM(f.value) AS total
    FROM {figure} f JOIN counted_reports c ON c.report_id = f.report_id
   GROUP BY c.top_id, c.category, c.priority, f.metric, CASE WHEN f.metric = %s THEN f.label ELSE '' END
),
counts AS (
  SELECT top_id, category, priority, COUNT(*) AS activities, SUM(CASE WHEN is_counted THEN 1 ELSE 0 END) AS reported
    FROM scoped WHERE status <> %s
   GROUP BY top_id, category, priority
)
SELECT 'total', '', metric, label, SUM(total), 0, 0 FROM sums GROUP BY metric, label
UNION ALL
SELECT 'region', CAST(top_id AS TEXT), metric, '', SUM(total), 0, 0
  FROM sums WHERE metric <> %s GROUP BY top_id, metric
UNION ALL
SELECT 'category', category, metric, '', SUM(total), 0, 0
  FROM sums WHERE metric <> %s GROUP BY category, metric
UNION ALL
SELECT 'priority', CAST(priority AS TEXT), metric, '', SUM(total), 0, 0
  FROM sums WHERE metric <> %s GROUP BY priority, metric
UNION ALL
SELECT 'region', CAST(top_id AS TEXT), '', '', 0, SUM(activities), SUM(reported) FROM counts GROUP BY top_id
UNION ALL
SELECT 'category', category, '', '', 0, SUM(activities), SUM(reported) FROM counts GROUP BY category
UNION ALL
SELECT 'priority', CAST(priority AS TEXT), '', '', 0, SUM(activities), SUM(reported) FROM counts GROUP BY priority
"""


def _aggregate_rows(tree: CampaignTree, priorities: list[Priority]) -> list[tuple[Any, ...]]:
    scoped_sql, scoped_params = _scoped_activities(tree, priorities).query.sql_with_params()
    sql = _AGGREGATE_SQL.format(
        materialized="MATERIALIZED" if _can_materialize() else "",
        scoped=scoped_sql,
        figure=connection.ops.quote_name(Figure._meta.db_table),
        report=connection.ops.quote_name(ActivityReport._meta.db_table),
    )
    params = [
        *scoped_params,
        ActivityReport.Kind.CLOSING,
        *COUNTING_STATUSES,
        Figure.Metric.OTHER,
        Figure.Metric.OTHER,
        Activity.Status.CANCELLED,
        *[Figure.Metric.OTHER] * 3,
    ]
    is_postgresql = connection.vendor == "postgresql"
    with transaction.atomic() if is_postgresql else nullcontext(), connection.cursor() as cursor:
        if is_postgresql:
            # One aggregate of up to 10⁶ rows: JIT compilation costs more than it saves, and the
            # default 4 MB of work memory sends the grouping to disk. Both only for this transaction.
            cursor.execute("SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)")
        cursor.execute(sql, params)
        return cursor.fetchall()


def _can_materialize() -> bool:
    if connection.vendor == "postgresql":
        return True
    return connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 35, 0)


def _decimal(value: Any) -> Decimal:
    """SQLite sums decimals as floats; PostgreSQL returns them exact. Two places either way."""
    if value is None:
        return Decimal(0)
    return (value if isinstance(value, Decimal) else Decimal(str(value))).quantize(_CENT)


def rollup(campaign: Campaign, *, include_descendants: bool = True) -> Rollup:
    """Sum the counted figures of ``campaign`` (and, by default, every campaign below it).

    A fixed number of queries: one per level of the tree, the priorities, and one aggregate
    (plus, on PostgreSQL, one that tunes the transaction for it).
    """
    tree = campaign_tree(campaign, include_descendants=include_descendants)
    priorities = campaign_priorities(campaign.pk)
    rows = _aggregate_rows(tree, priorities)

    totals: Totals = {}
    other: Totals = defaultdict(Decimal)
    activity_count = reported_count = 0
    regions = _region_rows(tree)
    categories = {c.value: BreakdownRow(key=c.value, label=str(c.label)) for c in Activity.Category}
    by_priority = _priority_rows(priorities)
    breakdowns = {"region": regions, "category": categories, "priority": by_priority}
    for dimension, key, metric, label, total, activities, reported in rows:
        if dimension == "total":
            if metric == Figure.Metric.OTHER:
                other[label.strip() or "其他"] += _decimal(total)
            else:
                totals[metric] = _decimal(total)
            continue
        if dimension == "region" and key not in regions:  # only when the tree has a cycle
            key = str(tree.root_id)
        if dimension == "category" and key not in categories:
            categories[key] = BreakdownRow(key=key, label=key)
        row = breakdowns[dimension].get(key)
        if row is None:  # a priority row when the plan has no priorities
            continue
        if metric:
            row.add(metric, _decimal(total))
        else:
            row.activity_count += int(activities or 0)
            row.reported_count += int(reported or 0)
            if dimension == "category":
                activity_count += int(activities or 0)
                reported_count += int(reported or 0)

    return Rollup(
        campaign_id=campaign.pk,
        campaign_ids=tree.ids,
        totals={metric: totals[metric] for metric in SUMMED_METRICS if metric in totals},
        other=dict(sorted(other.items())),
        by_region=list(regions.values()),
        by_category=[row for row in categories.values() if row.totals or row.activity_count],
        by_priority=list(by_priority.values()),
        by_channel=[categories[channel] for channel in OUTREACH_CHANNELS],
        activity_count=activity_count,
        reported_count=reported_count,
        generated_at=timezone.now(),
    )


def _counting_reports() -> Any:
    return ActivityReport.objects.filter(
        activity=OuterRef("pk"), kind=ActivityReport.Kind.CLOSING, status__in=COUNTING_STATUSES
    )


def _region_rows(tree: CampaignTree) -> dict[str, BreakdownRow]:
    _code, root_name = tree.region_of.get(tree.root_id, ("", ""))
    rows = {
        str(tree.root_id): BreakdownRow(
            key=str(tree.root_id), label=_("%(region)s (this level)") % {"region": root_name}
        )
    }
    for child_id in tree.subtrees():
        rows[str(child_id)] = BreakdownRow(key=str(child_id), label=tree.region_of[child_id][1])
    return rows


def _priority_rows(priorities: list[Priority]) -> dict[str, BreakdownRow]:
    if not priorities:
        return {}
    rows = {str(p.index): BreakdownRow(key=str(p.index), label=p.label) for p in priorities}
    rows[str(UNMATCHED_PRIORITY)] = BreakdownRow(key=str(UNMATCHED_PRIORITY), label=_("Other"))
    return rows


# --- Progress of one campaign's activities -----------------------------------------------------


@dataclass
class ActivityProgress:
    activity: Activity
    is_filed: bool
    is_running: bool
    is_reported: bool
    is_filing_overdue: bool
    is_report_overdue: bool
    participants: Decimal | None

    @property
    def is_overdue(self) -> bool:
        return self.is_filing_overdue or self.is_report_overdue


@dataclass
class ProgressCounts:
    activities: int = 0
    filed: int = 0
    running: int = 0
    reported: int = 0
    overdue: int = 0

    def add(self, row: ActivityProgress) -> None:
        self.activities += 1
        self.filed += row.is_filed
        self.running += row.is_running
        self.reported += row.is_reported
        self.overdue += row.is_overdue


@dataclass
class UnitProgress:
    unit: Unit
    counts: ProgressCounts


@dataclass
class Progress:
    """Where each activity and each responsible unit stands; cancelled activities left out."""

    activities: list[ActivityProgress]
    units: list[UnitProgress]
    counts: ProgressCounts
    deadlines: CampaignDeadlines | None


def progress(campaign: Campaign, *, access: CampaignAccess | None = None, now: dt.datetime | None = None) -> Progress:
    """Filed (filing approved), running (today within its dates, the week's if undated), reported
    (closing report submitted, approved or published) and overdue (a deadline passed without the
    filing or the report) — per activity, per lead or co-organising unit, and in total. Three queries.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    deadlines = CampaignDeadlines.objects.filter(campaign_id=campaign.pk).first()
    participants = (
        Figure.objects.filter(
            report__activity=OuterRef("pk"),
            report__kind=ActivityReport.Kind.CLOSING,
            report__status__in=COUNTING_STATUSES,
            metric=Figure.Metric.PARTICIPANTS,
        )
        .order_by()
        .values("report__activity")
        .annotate(total=Sum("value", output_field=_SUM_FIELD))
        .values("total")
    )
    activities = (
        Activity.objects.filter(campaign_id=campaign.pk)
        .exclude(status=Activity.Status.CANCELLED)
        .annotate(
            is_filed=Exists(Filing.objects.filter(activity=OuterRef("pk"), status=Filing.Status.APPROVED)),
            is_reported=Exists(
                ActivityReport.objects.filter(
                    activity=OuterRef("pk"), kind=ActivityReport.Kind.CLOSING, status__in=REPORTED_STATUSES
                )
            ),
            participants=Subquery(participants, output_field=_SUM_FIELD),
        )
        .prefetch_related(Prefetch("unit_roles", queryset=ActivityUnit.objects.select_related("unit")))
        .order_by("position", "pk")
    )
    filing_overdue = bool(deadlines and deadlines.filing_due and now > deadlines.filing_due)
    report_overdue = bool(deadlines and deadlines.report_due and now > deadlines.report_due)
    rows: list[ActivityProgress] = []
    counts = ProgressCounts()
    by_unit: dict[int, UnitProgress] = {}
    for activity in activities:
        if access is not None and not access.can_see_activity(activity):
            continue
        row = ActivityProgress(
            activity=activity,
            is_filed=activity.is_filed,  # type: ignore[attr-defined]
            is_running=_is_running(activity, campaign, today),
            is_reported=activity.is_reported,  # type: ignore[attr-defined]
            is_filing_overdue=filing_overdue and not activity.is_filed,  # type: ignore[attr-defined]
            is_report_overdue=report_overdue and not activity.is_reported,  # type: ignore[attr-defined]
            participants=activity.participants,  # type: ignore[attr-defined]
        )
        rows.append(row)
        counts.add(row)
        for unit in _responsible_units(activity.unit_roles.all()):
            by_unit.setdefault(unit.pk, UnitProgress(unit=unit, counts=ProgressCounts())).counts.add(row)
    units = sorted(by_unit.values(), key=lambda unit_row: (unit_row.unit.name, unit_row.unit.pk))
    return Progress(activities=rows, units=units, counts=counts, deadlines=deadlines)


def _is_running(activity: Activity, campaign: Campaign, today: dt.date) -> bool:
    if activity.start_date is None:  # "宣传周期间": runs through the week
        return campaign.start_date <= today <= campaign.end_date
    return activity.start_date <= today <= (activity.last_date or activity.start_date)


def _responsible_units(roles: Iterable[ActivityUnit]) -> list[Unit]:
    return [role.unit for role in roles if role.role in {ActivityUnit.Role.LEAD, ActivityUnit.Role.CO_ORGANISER}]
