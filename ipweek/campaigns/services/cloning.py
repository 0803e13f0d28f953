"""Cloning a campaign to the next year: the office's usual way to start a new plan."""

import datetime as dt

from django.db import transaction

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign, PlanItem
from ipweek.campaigns.services.campaigns import create_campaign
from ipweek.campaigns.themes import theme_for_year
from ipweek.core.audit import record_audit


def shift_to_year(value: dt.date | None, source: Campaign, target: Campaign) -> dt.date | None:
    """Keep a date's offset from the start of the week, in the new year's week."""
    if value is None:
        return None
    return target.start_date + (value - source.start_date)


@transaction.atomic
def clone_campaign(*, source: Campaign, year: int, actor: User, title: str = "") -> Campaign:
    """Copy a campaign into ``year``: dates moved to the new week, theme from the theme table,
    sections and items kept, activities kept as drafts with their units."""
    start, end = source.start_date.replace(year=year), source.end_date.replace(year=year)
    target = create_campaign(
        actor=actor,
        year=year,
        level=source.level,
        region=source.region,
        organiser=source.organiser,
        parent=None,
        title=title or source.title.replace(str(source.year), str(year)),
        theme=theme_for_year(year) or source.theme,
        start_date=start,
        end_date=end,
        doc_agency_code=source.doc_agency_code,
        addressees=source.addressees,
        signatory=source.signatory,
    )
    _copy_sections(source, target)
    _copy_activities(source, target)
    record_audit(actor=actor, action="campaign.cloned", obj=target, campaign_id=target.pk, source=source.pk)
    return target


def _copy_sections(source: Campaign, target: Campaign) -> None:
    for section in source.sections.prefetch_related("items"):
        items = list(section.items.all())
        section.pk, section.campaign = None, target
        section.save()
        PlanItem.objects.bulk_create(
            PlanItem(section=section, title=item.title, body=item.body, position=item.position) for item in items
        )


def _copy_activities(source: Campaign, target: Campaign) -> None:
    activities = list(source.activities.prefetch_related("unit_roles").order_by("parent_id", "position", "pk"))
    new_ids: dict[int, Activity] = {}
    # Parents first (parent_id NULL sorts first on SQLite, last on PostgreSQL): two passes.
    for wants_parent in (False, True):
        for activity in activities:
            if (activity.parent_id is not None) != wants_parent:
                continue
            old_pk, roles = activity.pk, list(activity.unit_roles.all())
            activity.pk, activity.campaign = None, target
            activity.parent = new_ids.get(activity.parent_id) if activity.parent_id else None
            activity.status = Activity.Status.DRAFT
            activity.start_date = shift_to_year(activity.start_date, source, target)
            activity.end_date = shift_to_year(activity.end_date, source, target)
            activity.date_text = activity.date_text.replace(f"{source.year}年", f"{target.year}年")
            activity.save()
            new_ids[old_pk] = activity
            ActivityUnit.objects.bulk_create(
                ActivityUnit(activity=activity, unit_id=role.unit_id, role=role.role, position=role.position)
                for role in roles
            )
