"""Finding rows for the campaign API and checking what the caller may do with them."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.api.auth import current_user
from ipweek.campaigns import queries
from ipweek.campaigns.api.schemas import UNIT_ROLE_FIELDS, AccessOut, ActivityOut, CampaignDetail, CampaignOut
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.permissions import (
    CampaignAccess,
    campaigns_visible_to,
    get_campaign_for_user,
)
from ipweek.campaigns.services.activities import UnitAssignment
from ipweek.units.models import Membership, Region, Unit


def campaign_for(request: HttpRequest, campaign_id: int, *, manage: bool = False) -> tuple[Campaign, CampaignAccess]:
    return get_campaign_for_user(current_user(request), campaign_id, manage=manage)


def campaign_detail(campaign: Campaign, access: CampaignAccess) -> CampaignDetail:
    out = CampaignOut.model_validate(campaign)
    access_out = AccessOut(can_manage=access.can_manage, can_add_activity=access.can_add_activity)
    return CampaignDetail(**dict(out), access=access_out)


def office_unit_ids(user: User) -> set[int]:
    offices = Membership.objects.filter(user=user, role=Membership.Role.OFFICE_STAFF)
    return set(offices.values_list("unit_id", flat=True))


def campaign_fields(user: User, data: dict[str, Any], *, campaign: Campaign | None = None) -> dict[str, Any]:
    """Swap the ids in ``data`` for rows, or raise ``ValidationError`` naming each unknown id."""
    problems: dict[str, str] = {}
    if "region_id" in data:
        data["region"] = Region.objects.filter(pk=data.pop("region_id")).first()
        if data["region"] is None:
            problems["region_id"] = _("There is no such region.")
    if "organiser_id" in data:
        offices = Unit.objects.filter(kind=Unit.Kind.IP_OFFICE, is_active=True)
        data["organiser"] = offices.filter(pk=data.pop("organiser_id")).first()
        if data["organiser"] is None:
            problems["organiser_id"] = _("The organiser must be an active IP office.")
    if "parent_id" in data:
        parent_id = data.pop("parent_id")
        parents = campaigns_visible_to(user)
        if campaign is not None:
            parents = parents.exclude(pk=campaign.pk)
        data["parent"] = parents.filter(pk=parent_id).first() if parent_id else None
        if parent_id and data["parent"] is None:
            problems["parent_id"] = _("There is no such parent campaign, or you may not see it.")
    if problems:
        raise ValidationError(problems)
    return data


def activity_for(access: CampaignAccess, campaign: Campaign, activity_id: int, *, edit: bool = False) -> Activity:
    activity = queries.activities_for_display(campaign).filter(pk=activity_id).first()
    if activity is None or not access.can_see_activity(activity):
        raise Http404
    if edit and not access.can_edit_activity(activity):
        raise PermissionDenied
    return activity


def current_units(activity: Activity | None) -> UnitAssignment:
    roles = list(activity.unit_roles.all()) if activity else []
    return UnitAssignment(
        lead=[role.unit for role in roles if role.role == ActivityUnit.Role.LEAD],
        co_organiser=[role.unit for role in roles if role.role == ActivityUnit.Role.CO_ORGANISER],
        supporting=[role.unit for role in roles if role.role == ActivityUnit.Role.SUPPORTING],
    )


def activity_input(
    campaign: Campaign, data: dict[str, Any], *, activity: Activity | None
) -> tuple[dict[str, Any], UnitAssignment]:
    """Split ``data`` into model fields and unit roles, swapping ids for rows; ``ValidationError`` names bad ids."""
    problems: dict[str, str] = {}
    requested = {field: data.pop(field) for field in UNIT_ROLE_FIELDS if field in data}
    wanted = {pk for pks in requested.values() for pk in pks}
    available = {unit.pk: unit for unit in queries.units_for_campaign(campaign).filter(pk__in=wanted)}
    units = current_units(activity)
    for field, pks in requested.items():
        unknown = [str(pk) for pk in pks if pk not in available]
        if unknown:
            problems[field] = _("These units do not exist or cannot take part in this campaign: %(ids)s.") % {
                "ids": ", ".join(unknown)
            }
        setattr(units, UNIT_ROLE_FIELDS[field], [available[pk] for pk in pks if pk in available])
    if "parent_id" in data:
        parent_id = data.pop("parent_id")
        parents = campaign.activities.filter(parent__isnull=True)
        if activity is not None:
            parents = parents.exclude(pk=activity.pk)
        data["parent"] = parents.filter(pk=parent_id).first() if parent_id else None
        if parent_id and data["parent"] is None:
            problems["parent_id"] = _("Choose a top-level activity of this campaign.")
    if problems:
        raise ValidationError(problems)
    return data, units


def require_own_unit(access: CampaignAccess, units: UnitAssignment) -> None:
    """A liaison's activity must stay led or co-organised by the liaison's own unit."""
    if access.can_manage:
        return
    if not {unit.pk for unit in [*units.lead, *units.co_organiser]} & access.liaison_unit_ids:
        raise PermissionDenied(_("Your own unit must lead or co-organise the activity."))


def activity_out(campaign: Campaign, access: CampaignAccess, activity: Activity) -> ActivityOut:
    return ActivityOut.build(queries.activities_for_display(campaign).get(pk=activity.pk), access)
