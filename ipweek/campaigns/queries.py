"""Reads that pages, the API and exports share."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign, PlanItem, PlanSection
from ipweek.campaigns.permissions import CampaignAccess, campaigns_visible_to
from ipweek.units.models import Region, Unit


def campaign_list_for(user: User) -> QuerySet[Campaign]:
    """The campaigns a user may open, with what the list shows."""
    return (
        campaigns_visible_to(user)
        .select_related("region", "organiser", "parent")
        .annotate(activity_count=Count("activities", distinct=True))
        .order_by("-year", "region__code")
    )


def activities_for_display(campaign: Campaign) -> QuerySet[Activity]:
    """Activities with their units, ready to render."""
    return (
        campaign.activities.select_related("parent")
        .prefetch_related(Prefetch("unit_roles", queryset=ActivityUnit.objects.select_related("unit")))
        .order_by("position", "pk")
    )


def visible_activities(campaign: Campaign, access: CampaignAccess) -> list[Activity]:
    """Activities the user may see: a liaison sees other units' activities only once confirmed."""
    return [activity for activity in activities_for_display(campaign) if access.can_see_activity(activity)]


def sections_with_items(campaign: Campaign) -> QuerySet[PlanSection]:
    return campaign.sections.prefetch_related(Prefetch("items", queryset=PlanItem.objects.order_by("position", "pk")))


@dataclass
class ScheduleDay:
    day: dt.date
    activities: list[Activity]


@dataclass
class Schedule:
    """The week day by day, what spans several days, what falls outside the week,
    and what has no date at all (宣传周期间)."""

    days: list[ScheduleDay]
    spanning: list[Activity]
    outside_week: list[Activity]
    undated: list[Activity]


def _sort_key(activity: Activity) -> tuple:
    return (activity.start_time is None, activity.start_time or dt.time(), activity.position, activity.pk)


def _date_key(activity: Activity) -> tuple:
    return (activity.start_date, *_sort_key(activity))


def week_schedule(campaign: Campaign, activities: list[Activity]) -> Schedule:
    """Lay one-day activities out on the campaign's days; list the rest beside the grid."""
    live = [a for a in activities if a.status != Activity.Status.CANCELLED]
    in_week = [a for a in live if a.is_dated and any(a.occurs_on(day) for day in campaign.days)]
    one_day = [a for a in in_week if a.last_date == a.start_date]
    days = [
        ScheduleDay(day, sorted((a for a in one_day if a.start_date == day), key=_sort_key)) for day in campaign.days
    ]
    in_week_ids = {a.pk for a in in_week}
    return Schedule(
        days=days,
        spanning=sorted((a for a in in_week if a.last_date != a.start_date), key=_date_key),
        outside_week=sorted((a for a in live if a.is_dated and a.pk not in in_week_ids), key=_date_key),
        undated=[a for a in live if not a.is_dated],
    )


@dataclass
class MatrixRow:
    unit: Unit
    marks: list[str]  # one per activity: "lead", "co_organiser", "supporting" or ""


def responsibility_matrix(activities: list[Activity]) -> list[MatrixRow]:
    """Units × activities with each unit's role; units ordered by how much they lead."""
    units: dict[int, Unit] = {}
    roles: dict[tuple[int, int], str] = {}
    for activity in activities:
        for role in activity.unit_roles.all():
            units.setdefault(role.unit_id, role.unit)
            roles[(role.unit_id, activity.pk)] = role.role
    rows = [MatrixRow(unit, [roles.get((unit.pk, a.pk), "") for a in activities]) for unit in units.values()]
    rows.sort(
        key=lambda row: (-row.marks.count(ActivityUnit.Role.LEAD), -sum(bool(m) for m in row.marks), row.unit.name)
    )
    return rows


def units_for_campaign(campaign: Campaign) -> QuerySet[Unit]:
    """Units that may take part: those of the campaign's region, its sub-regions, and any already linked."""
    regions = Region.objects.filter(Q(pk=campaign.region_id) | Q(parent_id=campaign.region_id))
    return (
        Unit.objects.filter(
            Q(region__in=regions, is_active=True)
            | Q(activity_roles__activity__campaign=campaign)
            | Q(pk=campaign.organiser_id)
        )
        .select_related("region")
        .distinct()
        .order_by("kind", "name")
    )
