"""Activity endpoints."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Status

from ipweek.api.auth import current_user
from ipweek.api.errors import renamed_fields
from ipweek.api.schemas import (
    Id,
    errors,
)
from ipweek.campaigns import queries, services
from ipweek.campaigns.api.lookups import activity_for, activity_input, activity_out, campaign_for, require_own_unit
from ipweek.campaigns.api.router import router
from ipweek.campaigns.api.schemas import ACTIVITY_FIELD_NAMES, ActivityIn, ActivityOut, ActivityPatch


@router.get(
    "/{campaign_id}/activities", response={200: list[ActivityOut], **errors(401, 404, 422)}, summary="List activities"
)
def list_activities(request: HttpRequest, campaign_id: Id) -> list[ActivityOut]:
    """Activities the caller may see: a liaison sees other units' activities once they are no longer drafts."""
    campaign, access = campaign_for(request, campaign_id)
    return [ActivityOut.build(activity, access) for activity in queries.visible_activities(campaign, access)]


@router.get(
    "/{campaign_id}/activities/{activity_id}",
    response={200: ActivityOut, **errors(401, 404, 422)},
    summary="Get an activity",
)
def get_activity(request: HttpRequest, campaign_id: Id, activity_id: Id) -> ActivityOut:
    campaign, access = campaign_for(request, campaign_id)
    return ActivityOut.build(activity_for(access, campaign, activity_id), access)


@router.post(
    "/{campaign_id}/activities",
    response={201: ActivityOut, **errors(400, 401, 403, 404, 422)},
    summary="Add an activity",
)
def create_activity(request: HttpRequest, campaign_id: Id, payload: ActivityIn) -> Status[ActivityOut]:
    """Office staff add any activity; a liaison adds one that their own unit leads or co-organises."""
    campaign, access = campaign_for(request, campaign_id)
    if not (access.can_add_activity and campaign.is_editable):
        raise PermissionDenied
    data, units = activity_input(campaign, payload.model_dump(), activity=None)
    require_own_unit(access, units)
    with renamed_fields(ACTIVITY_FIELD_NAMES):
        activity = services.save_activity(campaign=campaign, actor=current_user(request), data=data, units=units)
    return Status(201, activity_out(campaign, access, activity))


@router.patch(
    "/{campaign_id}/activities/{activity_id}",
    response={200: ActivityOut, **errors(400, 401, 403, 404, 422)},
    summary="Change an activity",
)
def update_activity(request: HttpRequest, campaign_id: Id, activity_id: Id, payload: ActivityPatch) -> ActivityOut:
    """Send only what changes; a unit role list that is sent replaces that role's units."""
    campaign, access = campaign_for(request, campaign_id)
    activity = activity_for(access, campaign, activity_id, edit=True)
    data, units = activity_input(campaign, payload.model_dump(exclude_unset=True), activity=activity)
    require_own_unit(access, units)
    with renamed_fields(ACTIVITY_FIELD_NAMES):
        services.save_activity(
            campaign=campaign, actor=current_user(request), data=data, units=units, activity=activity
        )
    return activity_out(campaign, access, activity)


@router.delete(
    "/{campaign_id}/activities/{activity_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    summary="Delete an activity",
)
def delete_activity(request: HttpRequest, campaign_id: Id, activity_id: Id) -> Status[None]:
    """Deletes its sub-activities too."""
    campaign, access = campaign_for(request, campaign_id)
    activity = activity_for(access, campaign, activity_id, edit=True)
    services.delete_activity(activity=activity, actor=current_user(request))
    return Status(204, None)
