"""Campaign endpoints and the plan export."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Status

from ipweek.api.auth import current_user
from ipweek.api.errors import renamed_fields
from ipweek.api.schemas import (
    Id,
    errors,
)
from ipweek.campaigns import queries, services
from ipweek.campaigns.api.lookups import campaign_detail, campaign_fields, campaign_for, office_unit_ids
from ipweek.campaigns.api.router import router
from ipweek.campaigns.api.schemas import (
    CAMPAIGN_FIELD_NAMES,
    EXPORT_OPENAPI,
    CampaignDetail,
    CampaignIn,
    CampaignOut,
    CampaignPatch,
    ExportParams,
    StatusIn,
)
from ipweek.campaigns.exporters import attachment
from ipweek.campaigns.models import Campaign
from ipweek.campaigns.permissions import (
    access_for,
)
from ipweek.documents.exporters import export_plan


@router.get("", response={200: list[CampaignOut], **errors(401)}, summary="List campaigns")
def list_campaigns(request: HttpRequest) -> QuerySet[Campaign]:
    """The campaigns the caller belongs to, and those below the campaigns they oversee."""
    return queries.campaign_list_for(current_user(request))


@router.post("", response={201: CampaignDetail, **errors(400, 401, 403, 422)}, summary="Create a campaign")
def create_campaign(request: HttpRequest, payload: CampaignIn) -> Status[CampaignDetail]:
    """Office staff of the organiser (in any campaign) and superusers start a draft.

    The creator becomes office staff of the new campaign.
    """
    user = current_user(request)
    offices = office_unit_ids(user)
    if not (user.is_superuser or offices):
        raise PermissionDenied
    fields = campaign_fields(user, payload.model_dump())
    if not user.is_superuser and fields["organiser"].pk not in offices:
        raise PermissionDenied(_("You can only create campaigns for an IP office you work for."))
    with renamed_fields(CAMPAIGN_FIELD_NAMES):
        campaign = services.create_campaign(actor=user, **fields)
    return Status(201, campaign_detail(campaign, access_for(user, campaign)))


@router.get("/{campaign_id}", response={200: CampaignDetail, **errors(401, 404, 422)}, summary="Get a campaign")
def get_campaign(request: HttpRequest, campaign_id: Id) -> CampaignDetail:
    return campaign_detail(*campaign_for(request, campaign_id))


@router.patch(
    "/{campaign_id}", response={200: CampaignDetail, **errors(400, 401, 403, 404, 422)}, summary="Change a campaign"
)
def update_campaign(request: HttpRequest, campaign_id: Id, payload: CampaignPatch) -> CampaignDetail:
    user = current_user(request)
    campaign, access = campaign_for(request, campaign_id, manage=True)
    fields = campaign_fields(user, payload.model_dump(exclude_unset=True), campaign=campaign)
    with renamed_fields(CAMPAIGN_FIELD_NAMES):
        services.update_campaign(campaign=campaign, actor=user, **fields)
    return campaign_detail(campaign, access)


@router.post(
    "/{campaign_id}/status",
    response={200: CampaignDetail, **errors(400, 401, 403, 404, 422)},
    summary="Move a campaign to another status",
)
def change_campaign_status(request: HttpRequest, campaign_id: Id, payload: StatusIn) -> CampaignDetail:
    """Issuing needs a lead unit on every activity that is not cancelled."""
    campaign, access = campaign_for(request, campaign_id, manage=True)
    services.change_campaign_status(campaign=campaign, status=payload.status, actor=current_user(request))
    return campaign_detail(campaign, access)


@router.get(
    "/{campaign_id}/export",
    response=errors(401, 404, 422),
    openapi_extra=EXPORT_OPENAPI,
    summary="Download the plan document",
)
def export_campaign_plan(request: HttpRequest, campaign_id: Id, params: Query[ExportParams]) -> HttpResponse:
    campaign, _access = campaign_for(request, campaign_id)
    content, content_type, filename = export_plan(campaign, params.format)
    return attachment(content, content_type, filename)
