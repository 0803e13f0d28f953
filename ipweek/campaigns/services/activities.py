"""Creating and changing activities and the units that lead and support them."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.core.audit import record_audit
from ipweek.core.richtext import sanitize_rich_text
from ipweek.units.models import Unit

ACTIVITY_FIELDS = (
    "title", "category", "description", "date_text", "start_date", "start_time", "end_date", "end_time",
    "is_tentative", "venue", "mode", "audience", "channels", "budget", "status", "parent",
)  # fmt: skip


@dataclass
class UnitAssignment:
    """Who leads (牵头), co-organises (承办/协办) and supports (配合) an activity, in order."""

    lead: Sequence[Unit] = field(default_factory=list)
    co_organiser: Sequence[Unit] = field(default_factory=list)
    supporting: Sequence[Unit] = field(default_factory=list)

    def rows(self) -> list[tuple[Unit, ActivityUnit.Role]]:
        return (
            [(unit, ActivityUnit.Role.LEAD) for unit in self.lead]
            + [(unit, ActivityUnit.Role.CO_ORGANISER) for unit in self.co_organiser]
            + [(unit, ActivityUnit.Role.SUPPORTING) for unit in self.supporting]
        )


def _check_dates(activity: Activity, campaign: Campaign, errors: dict[str, str]) -> None:
    for name in ("start_date", "end_date"):
        value = getattr(activity, name)
        if value and value.year != campaign.year:
            errors[name] = _("The date is outside the campaign's year %(year)s.") % {"year": campaign.year}
    if activity.start_date and activity.end_date and activity.end_date < activity.start_date:
        errors["end_date"] = _("The end date is before the start date.")
    if activity.end_date and not activity.start_date:
        errors["start_date"] = _("Give a start date when there is an end date.")
    if (activity.start_time or activity.end_time) and not activity.start_date:
        errors["start_date"] = _("Give a date for the time.")
    same_day = activity.end_date in (None, activity.start_date)
    if same_day and activity.start_time and activity.end_time and activity.end_time < activity.start_time:
        errors["end_time"] = _("The end time is before the start time.")


def _check_units(campaign: Campaign, units: UnitAssignment, errors: dict[str, str]) -> None:
    seen: set[int] = set()
    for unit, _role in units.rows():
        if unit.pk in seen:
            errors["units"] = _("“%(unit)s” is named in more than one role.") % {"unit": unit.name}
        seen.add(unit.pk)
    if campaign.status != Campaign.Status.DRAFT and not units.lead:
        errors["lead_units"] = _("The plan has been issued: every activity needs a lead unit.")


def validate_activity(activity: Activity, campaign: Campaign, units: UnitAssignment) -> None:
    """Raise ``ValidationError`` naming each bad field, in Chinese."""
    errors: dict[str, str] = {}
    if not activity.title.strip():
        errors["title"] = _("An activity needs a title.")
    _check_dates(activity, campaign, errors)
    parent = activity.parent
    if parent is not None and (parent.pk == activity.pk or parent.campaign_id != campaign.pk):
        errors["parent"] = _("Choose an activity of the same campaign.")
    if activity.budget is not None and activity.budget < 0:
        errors["budget"] = _("The budget cannot be negative.")
    _check_units(campaign, units, errors)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_activity(
    *, campaign: Campaign, actor: User, data: dict[str, Any], units: UnitAssignment, activity: Activity | None = None
) -> Activity:
    """Create or update an activity with its unit roles; nothing is saved if any rule fails."""
    is_new = activity is None
    activity = activity or Activity(campaign=campaign, position=campaign.activities.count() + 1)
    for key, value in data.items():
        if key in ACTIVITY_FIELDS:
            setattr(activity, key, value)
    activity.title = activity.title.strip()
    activity.description = sanitize_rich_text(activity.description or "", field="description")
    validate_activity(activity, campaign, units)
    activity.save()
    activity.unit_roles.all().delete()
    ActivityUnit.objects.bulk_create(
        ActivityUnit(activity=activity, unit=unit, role=role, position=index)
        for index, (unit, role) in enumerate(units.rows())
    )
    record_audit(
        actor=actor,
        action="activity.created" if is_new else "activity.updated",
        obj=activity,
        campaign_id=campaign.pk,
        title=activity.title,
        units=[[unit.pk, role] for unit, role in units.rows()],
    )
    return activity


@transaction.atomic
def delete_activity(*, activity: Activity, actor: User) -> None:
    """Delete an activity (and its sub-activities); the audit trail keeps its title."""
    record_audit(
        actor=actor, action="activity.deleted", obj=activity, campaign_id=activity.campaign_id, title=activity.title
    )
    activity.delete()
