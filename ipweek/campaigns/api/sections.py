"""Plan section endpoints."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Status

from ipweek.api.auth import current_user
from ipweek.api.schemas import (
    Id,
    errors,
)
from ipweek.campaigns import queries, services
from ipweek.campaigns.api.lookups import campaign_for
from ipweek.campaigns.api.router import router
from ipweek.campaigns.api.schemas import MoveIn, SectionIn, SectionOut, SectionPatch
from ipweek.campaigns.models import PlanSection


@router.get(
    "/{campaign_id}/sections", response={200: list[SectionOut], **errors(401, 404, 422)}, summary="List plan sections"
)
def list_sections(request: HttpRequest, campaign_id: Id) -> QuerySet[PlanSection]:
    """The plan's sections in order, each with its numbered items."""
    campaign, _access = campaign_for(request, campaign_id)
    return queries.sections_with_items(campaign)


@router.post(
    "/{campaign_id}/sections",
    response={201: SectionOut, **errors(400, 401, 403, 404, 422)},
    summary="Add a plan section",
)
def add_section(request: HttpRequest, campaign_id: Id, payload: SectionIn) -> Status[PlanSection]:
    """Appends the section at the end of the plan."""
    campaign, _access = campaign_for(request, campaign_id, manage=True)
    section = services.add_plan_section(campaign=campaign, actor=current_user(request), **payload.model_dump())
    return Status(201, section)


@router.patch(
    "/{campaign_id}/sections/{section_id}",
    response={200: SectionOut, **errors(400, 401, 403, 404, 422)},
    summary="Change a plan section",
)
def update_section(request: HttpRequest, campaign_id: Id, section_id: Id, payload: SectionPatch) -> PlanSection:
    campaign, _access = campaign_for(request, campaign_id, manage=True)
    section = get_object_or_404(PlanSection, pk=section_id, campaign=campaign)
    fields = {"heading": section.heading, "kind": section.kind, "body": section.body}
    fields.update(payload.model_dump(exclude_unset=True))
    services.update_plan_section(section=section, actor=current_user(request), **fields)
    return queries.sections_with_items(campaign).get(pk=section.pk)


@router.post(
    "/{campaign_id}/sections/{section_id}/move",
    response={200: list[SectionOut], **errors(400, 401, 403, 404, 422)},
    summary="Move a plan section up or down",
)
def move_section(request: HttpRequest, campaign_id: Id, section_id: Id, payload: MoveIn) -> QuerySet[PlanSection]:
    """Swaps the section with its neighbour (nothing changes at either end); answers with the new order."""
    campaign, _access = campaign_for(request, campaign_id, manage=True)
    section = get_object_or_404(PlanSection, pk=section_id, campaign=campaign)
    services.move_plan_section(section=section, actor=current_user(request), direction=payload.direction)
    return queries.sections_with_items(campaign)


@router.delete(
    "/{campaign_id}/sections/{section_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    summary="Delete a plan section",
)
def delete_section(request: HttpRequest, campaign_id: Id, section_id: Id) -> Status[None]:
    campaign, _access = campaign_for(request, campaign_id, manage=True)
    section = get_object_or_404(PlanSection, pk=section_id, campaign=campaign)
    services.delete_plan_section(section=section, actor=current_user(request))
    return Status(204, None)
