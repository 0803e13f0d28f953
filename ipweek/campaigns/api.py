"""The JSON twin of the campaign pages: campaigns, plan sections, activities and the plan export.

Reads are for anyone with a role in the campaign (or overseeing it from a parent campaign); writes
are for office staff, except that a unit liaison adds and edits the activities their unit leads or
co-organises. A campaign the caller may not see is a 404; one they may see but not change is a 403.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from ipweek.accounts.models import User
from ipweek.api.auth import current_user
from ipweek.api.errors import renamed_fields
from ipweek.api.schemas import (
    Clock,
    Id,
    Money,
    PlainText,
    RequiredText,
    RichText,
    Year,
    clock,
    errors,
    examples,
    inline_enum,
    input_config,
    patch_config,
    patch_field,
)
from ipweek.campaigns import queries, services
from ipweek.campaigns.exporters import attachment
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign, PlanSection
from ipweek.campaigns.permissions import (
    CampaignAccess,
    access_for,
    campaigns_visible_to,
    get_campaign_for_user,
)
from ipweek.campaigns.services.activities import UnitAssignment
from ipweek.documents.exporters import export_plan
from ipweek.units.api import RegionRef
from ipweek.units.models import Membership, Region, Unit

router = Router()

CampaignLevel = Annotated[Campaign.Level, inline_enum(Campaign.Level)]
CampaignStatus = Annotated[Campaign.Status, inline_enum(Campaign.Status)]
SectionKind = Annotated[PlanSection.Kind, inline_enum(PlanSection.Kind)]
ActivityCategory = Annotated[Activity.Category, inline_enum(Activity.Category)]
ActivityMode = Annotated[Activity.Mode, inline_enum(Activity.Mode)]
ActivityStatus = Annotated[Activity.Status, inline_enum(Activity.Status)]
UnitRole = Annotated[ActivityUnit.Role, inline_enum(ActivityUnit.Role)]

# Services name model fields; the API names the ids it takes.
CAMPAIGN_FIELD_NAMES = {"region": "region_id", "organiser": "organiser_id", "parent": "parent_id"}
ACTIVITY_FIELD_NAMES = {"lead_units": "lead_unit_ids", "parent": "parent_id"}
# Copied from the row as they are; times, units and can_edit are worked out in ActivityOut.build.
ACTIVITY_OUT_FIELDS = (
    "id", "campaign_id", "parent_id", "title", "category", "description", "date_text", "start_date", "end_date",
    "is_tentative", "venue", "mode", "audience", "channels", "budget", "status", "position", "created_at", "updated_at",
)  # fmt: skip
# Input field → the UnitAssignment attribute it fills.
UNIT_ROLE_FIELDS = {
    "lead_unit_ids": "lead",
    "co_organiser_unit_ids": "co_organiser",
    "supporting_unit_ids": "supporting",
}

CAMPAIGN_EXAMPLE = {
    "year": 2027,
    "level": "city",
    "region_id": 12,
    "organiser_id": 3,
    "title": "2027年沈阳市知识产权宣传周活动方案",
    "theme": "知识产权与创新",
    "start_date": "2027-04-20",
    "end_date": "2027-04-26",
    "parent_id": None,
    "doc_agency_code": "沈知发",
    "doc_serial": 5,
    "addressees": "各区、县（市）知识产权局，市知识产权工作领导小组各成员单位",
    "signatory": "沈阳市知识产权局",
    "signed_date": "2027-04-10",
}
CAMPAIGN_OUT_EXAMPLE = {
    **{key: value for key, value in CAMPAIGN_EXAMPLE.items() if not key.endswith("_id")},
    "id": 41,
    "status": "draft",
    "region": {"id": 12, "code": "210100", "name": "沈阳市", "slug": "shenyang"},
    "organiser": {"id": 3, "name": "沈阳市知识产权局"},
    "parent_id": 40,
    "document_number": "沈知发〔2027〕5号",
    "created_at": "2027-03-01T09:00:00+08:00",
    "updated_at": "2027-03-02T16:30:00+08:00",
}
ACTIVITY_EXAMPLE = {
    "title": "知识产权宣传周启动仪式",
    "category": "launch_ceremony",
    "description": "<p>发布年度知识产权保护状况白皮书。</p>",
    "date_text": "4月20日（暂定）上午9:30",
    "start_date": "2027-04-20",
    "start_time": "09:30",
    "end_date": None,
    "end_time": "11:00",
    "is_tentative": True,
    "venue": "市民中心一楼大厅",
    "mode": "hybrid",
    "audience": "企业代表、高校师生",
    "channels": "网站、微信公众号、LED屏",
    "budget": "12000.00",
    "status": "confirmed",
    "parent_id": None,
    "lead_unit_ids": [3],
    "co_organiser_unit_ids": [7],
    "supporting_unit_ids": [8, 9],
}


# ---------------------------------------------------------------- schemas


class UnitRef(Schema):
    id: int
    name: str


class CampaignIn(Schema):
    year: Year
    level: CampaignLevel
    region_id: Id
    organiser_id: Id = Field(description="An active IP office; for office staff, one they work for.")
    title: RequiredText = Field(max_length=200)
    theme: PlainText = Field("", max_length=128)
    start_date: dt.date | None = Field(None, description="Empty means 20 April of the year.")
    end_date: dt.date | None = Field(None, description="Empty means 26 April of the year.")
    parent_id: Id | None = Field(None, description="The campaign one level up (the province's, for a city).")
    doc_agency_code: PlainText = Field("", max_length=32)
    doc_serial: Id | None = None
    addressees: PlainText = Field("", max_length=300)
    signatory: PlainText = Field("", max_length=128)
    signed_date: dt.date | None = None

    model_config = input_config(CAMPAIGN_EXAMPLE)


class CampaignPatch(CampaignIn):
    # Left out means unchanged; these may not be set to null.
    year: Year = patch_field()
    level: CampaignLevel = patch_field()
    region_id: Id = patch_field()
    organiser_id: Id = patch_field()
    title: RequiredText = patch_field(max_length=200)
    start_date: dt.date = patch_field()
    end_date: dt.date = patch_field()

    model_config = patch_config({"title": "2027年沈阳市知识产权宣传周活动方案（修订）", "end_date": "2027-04-27"})


class StatusIn(Schema):
    status: CampaignStatus = Field(
        description="draft → issued → running → closed → reported; one step back is allowed."
    )

    model_config = input_config({"status": "issued"})


class AccessOut(Schema):
    can_manage: bool
    can_add_activity: bool


class CampaignOut(Schema):
    id: int
    year: int
    level: CampaignLevel
    status: CampaignStatus
    title: str
    theme: str
    region: RegionRef
    organiser: UnitRef
    parent_id: int | None
    start_date: dt.date
    end_date: dt.date
    doc_agency_code: str
    doc_serial: int | None
    document_number: str = Field(
        description="The formatted 文号, e.g. 沈知发〔2027〕5号; empty until both parts are set."
    )
    addressees: str
    signatory: str
    signed_date: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime

    model_config = examples(CAMPAIGN_OUT_EXAMPLE)


class CampaignDetail(CampaignOut):
    access: AccessOut = Field(description="What the caller may do in this campaign.")

    model_config = examples(
        {
            **CAMPAIGN_OUT_EXAMPLE,
            "access": {"can_manage": True, "can_add_activity": True},
        }
    )


class ItemOut(Schema):
    id: int
    title: str
    body: str
    position: int


class SectionOut(Schema):
    id: int
    kind: SectionKind
    heading: str
    body: str
    position: int
    items: list[ItemOut]

    model_config = examples(
        {
            "id": 5,
            "kind": "priorities",
            "heading": "宣传重点",
            "body": "<p>围绕知识产权强国建设，突出以下重点：</p>",
            "position": 3,
            "items": [{"id": 9, "title": "深入宣传，把握导向", "body": "要创新宣传活动的方式方法。", "position": 1}],
        }
    )


class SectionIn(Schema):
    heading: PlainText = Field(max_length=120)
    kind: SectionKind = PlanSection.Kind.OTHER
    body: RichText = ""

    model_config = input_config(
        {"heading": "活动安排", "kind": "arrangements", "body": "<p>宣传周期间开展以下活动。</p>"}
    )


class SectionPatch(SectionIn):
    heading: PlainText = patch_field(max_length=120)
    kind: SectionKind = patch_field()
    body: RichText = patch_field()

    model_config = patch_config({"heading": "工作要求"})


class MoveIn(Schema):
    direction: Literal["up", "down"]

    model_config = input_config({"direction": "up"})


class ActivityIn(Schema):
    title: PlainText = Field(max_length=200)
    category: ActivityCategory = Activity.Category.OTHER
    description: RichText = Field("", description="Rich text; a few HTML tags are kept, the rest removed.")
    date_text: PlainText = Field(
        "", max_length=120, description="The date as the plan writes it, kept beside the parsed dates."
    )
    start_date: dt.date | None = None
    start_time: Clock | None = Field(None, description="HH:MM; needs a start date.")
    end_date: dt.date | None = None
    end_time: Clock | None = None
    is_tentative: bool = False
    venue: PlainText = Field("", max_length=200)
    mode: ActivityMode = Activity.Mode.OFFLINE
    audience: PlainText = Field("", max_length=200)
    channels: PlainText = Field("", max_length=200)
    budget: Money | None = Field(None, description="Yuan, as a decimal string or a number.")
    status: ActivityStatus = Activity.Status.DRAFT
    parent_id: Id | None = Field(None, description="A top-level activity of the same campaign.")
    lead_unit_ids: list[Id] = Field(default_factory=list, max_length=50, description="牵头单位, in order.")
    co_organiser_unit_ids: list[Id] = Field(default_factory=list, max_length=50, description="承办/协办单位.")
    supporting_unit_ids: list[Id] = Field(default_factory=list, max_length=50, description="配合单位.")

    model_config = input_config(ACTIVITY_EXAMPLE)


class ActivityPatch(ActivityIn):
    title: PlainText = patch_field(max_length=200)

    model_config = patch_config({"status": "confirmed", "venue": "市民中心二楼报告厅", "supporting_unit_ids": [8]})


class ActivityUnitOut(Schema):
    unit_id: int
    name: str
    role: UnitRole


class ActivityOut(Schema):
    id: int
    campaign_id: int
    parent_id: int | None
    title: str
    category: ActivityCategory
    description: str
    date_text: str
    start_date: dt.date | None
    start_time: str | None = Field(description="HH:MM")
    end_date: dt.date | None
    end_time: str | None = Field(description="HH:MM")
    is_tentative: bool
    venue: str
    mode: ActivityMode
    audience: str
    channels: str
    budget: Decimal | None
    status: ActivityStatus
    position: int
    units: list[ActivityUnitOut]
    can_edit: bool = Field(description="Whether the caller may change or delete this activity.")
    created_at: dt.datetime
    updated_at: dt.datetime

    model_config = examples(
        {
            **{key: value for key, value in ACTIVITY_EXAMPLE.items() if not key.endswith("unit_ids")},
            "id": 101,
            "campaign_id": 41,
            "position": 1,
            "units": [
                {"unit_id": 3, "name": "沈阳市知识产权局", "role": "lead"},
                {"unit_id": 7, "name": "沈阳市市场监督管理局", "role": "co_organiser"},
            ],
            "can_edit": True,
            "created_at": "2027-03-05T10:00:00+08:00",
            "updated_at": "2027-03-05T10:00:00+08:00",
        }
    )

    @classmethod
    def build(cls, activity: Activity, access: CampaignAccess) -> "ActivityOut":
        roles = activity.unit_roles.all()
        return cls(
            **{name: getattr(activity, name) for name in ACTIVITY_OUT_FIELDS},
            start_time=clock(activity.start_time),
            end_time=clock(activity.end_time),
            units=[
                ActivityUnitOut(unit_id=role.unit_id, name=role.unit.name, role=ActivityUnit.Role(role.role))
                for role in roles
            ],
            can_edit=access.can_edit_activity(activity),
        )


class ExportParams(Schema):
    format: Literal["docx", "pdf", "md"] = Field("docx", examples=["pdf"])


EXPORT_OPENAPI = {
    "responses": {
        200: {
            "description": "The plan as an official document (GB/T 9704), as an attachment.",
            "content": {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                    "schema": {"type": "string", "format": "binary"}
                },
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "text/markdown": {
                    "schema": {"type": "string"},
                    "example": "# 2027年沈阳市知识产权宣传周活动方案\n\n一、指导思想\n…",
                },
            },
        }
    }
}


# ---------------------------------------------------------------- helpers


def _campaign(request: HttpRequest, campaign_id: int, *, manage: bool = False) -> tuple[Campaign, CampaignAccess]:
    return get_campaign_for_user(current_user(request), campaign_id, manage=manage)


def _detail(campaign: Campaign, access: CampaignAccess) -> CampaignDetail:
    out = CampaignOut.model_validate(campaign)
    access_out = AccessOut(can_manage=access.can_manage, can_add_activity=access.can_add_activity)
    return CampaignDetail(**dict(out), access=access_out)


def _office_unit_ids(user: User) -> set[int]:
    offices = Membership.objects.filter(user=user, role=Membership.Role.OFFICE_STAFF)
    return set(offices.values_list("unit_id", flat=True))


def _campaign_fields(user: User, data: dict[str, Any], *, campaign: Campaign | None = None) -> dict[str, Any]:
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


def _activity(access: CampaignAccess, campaign: Campaign, activity_id: int, *, edit: bool = False) -> Activity:
    activity = queries.activities_for_display(campaign).filter(pk=activity_id).first()
    if activity is None or not access.can_see_activity(activity):
        raise Http404
    if edit and not access.can_edit_activity(activity):
        raise PermissionDenied
    return activity


def _current_units(activity: Activity | None) -> UnitAssignment:
    roles = list(activity.unit_roles.all()) if activity else []
    return UnitAssignment(
        lead=[role.unit for role in roles if role.role == ActivityUnit.Role.LEAD],
        co_organiser=[role.unit for role in roles if role.role == ActivityUnit.Role.CO_ORGANISER],
        supporting=[role.unit for role in roles if role.role == ActivityUnit.Role.SUPPORTING],
    )


def _activity_input(
    campaign: Campaign, data: dict[str, Any], *, activity: Activity | None
) -> tuple[dict[str, Any], UnitAssignment]:
    """Split ``data`` into model fields and unit roles, swapping ids for rows; ``ValidationError`` names bad ids."""
    problems: dict[str, str] = {}
    requested = {field: data.pop(field) for field in UNIT_ROLE_FIELDS if field in data}
    wanted = {pk for pks in requested.values() for pk in pks}
    available = {unit.pk: unit for unit in queries.units_for_campaign(campaign).filter(pk__in=wanted)}
    units = _current_units(activity)
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


def _require_own_unit(access: CampaignAccess, units: UnitAssignment) -> None:
    """A liaison's activity must stay led or co-organised by the liaison's own unit."""
    if access.can_manage:
        return
    if not {unit.pk for unit in [*units.lead, *units.co_organiser]} & access.liaison_unit_ids:
        raise PermissionDenied(_("Your own unit must lead or co-organise the activity."))


def _activity_out(campaign: Campaign, access: CampaignAccess, activity: Activity) -> ActivityOut:
    return ActivityOut.build(queries.activities_for_display(campaign).get(pk=activity.pk), access)


# ---------------------------------------------------------------- campaigns


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
    offices = _office_unit_ids(user)
    if not (user.is_superuser or offices):
        raise PermissionDenied
    fields = _campaign_fields(user, payload.model_dump())
    if not user.is_superuser and fields["organiser"].pk not in offices:
        raise PermissionDenied(_("You can only create campaigns for an IP office you work for."))
    with renamed_fields(CAMPAIGN_FIELD_NAMES):
        campaign = services.create_campaign(actor=user, **fields)
    return Status(201, _detail(campaign, access_for(user, campaign)))


@router.get("/{campaign_id}", response={200: CampaignDetail, **errors(401, 404, 422)}, summary="Get a campaign")
def get_campaign(request: HttpRequest, campaign_id: Id) -> CampaignDetail:
    return _detail(*_campaign(request, campaign_id))


@router.patch(
    "/{campaign_id}", response={200: CampaignDetail, **errors(400, 401, 403, 404, 422)}, summary="Change a campaign"
)
def update_campaign(request: HttpRequest, campaign_id: Id, payload: CampaignPatch) -> CampaignDetail:
    user = current_user(request)
    campaign, access = _campaign(request, campaign_id, manage=True)
    fields = _campaign_fields(user, payload.model_dump(exclude_unset=True), campaign=campaign)
    with renamed_fields(CAMPAIGN_FIELD_NAMES):
        services.update_campaign(campaign=campaign, actor=user, **fields)
    return _detail(campaign, access)


@router.post(
    "/{campaign_id}/status",
    response={200: CampaignDetail, **errors(400, 401, 403, 404, 422)},
    summary="Move a campaign to another status",
)
def change_campaign_status(request: HttpRequest, campaign_id: Id, payload: StatusIn) -> CampaignDetail:
    """Issuing needs a lead unit on every activity that is not cancelled."""
    campaign, access = _campaign(request, campaign_id, manage=True)
    services.change_campaign_status(campaign=campaign, status=payload.status, actor=current_user(request))
    return _detail(campaign, access)


@router.get(
    "/{campaign_id}/export",
    response=errors(401, 404, 422),
    openapi_extra=EXPORT_OPENAPI,
    summary="Download the plan document",
)
def export_campaign_plan(request: HttpRequest, campaign_id: Id, params: Query[ExportParams]) -> HttpResponse:
    campaign, _access = _campaign(request, campaign_id)
    content, content_type, filename = export_plan(campaign, params.format)
    return attachment(content, content_type, filename)


# ---------------------------------------------------------------- plan sections


@router.get(
    "/{campaign_id}/sections", response={200: list[SectionOut], **errors(401, 404, 422)}, summary="List plan sections"
)
def list_sections(request: HttpRequest, campaign_id: Id) -> QuerySet[PlanSection]:
    """The plan's sections in order, each with its numbered items."""
    campaign, _access = _campaign(request, campaign_id)
    return queries.sections_with_items(campaign)


@router.post(
    "/{campaign_id}/sections",
    response={201: SectionOut, **errors(400, 401, 403, 404, 422)},
    summary="Add a plan section",
)
def add_section(request: HttpRequest, campaign_id: Id, payload: SectionIn) -> Status[PlanSection]:
    """Appends the section at the end of the plan."""
    campaign, _access = _campaign(request, campaign_id, manage=True)
    section = services.add_plan_section(campaign=campaign, actor=current_user(request), **payload.model_dump())
    return Status(201, section)


@router.patch(
    "/{campaign_id}/sections/{section_id}",
    response={200: SectionOut, **errors(400, 401, 403, 404, 422)},
    summary="Change a plan section",
)
def update_section(request: HttpRequest, campaign_id: Id, section_id: Id, payload: SectionPatch) -> PlanSection:
    campaign, _access = _campaign(request, campaign_id, manage=True)
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
    campaign, _access = _campaign(request, campaign_id, manage=True)
    section = get_object_or_404(PlanSection, pk=section_id, campaign=campaign)
    services.move_plan_section(section=section, actor=current_user(request), direction=payload.direction)
    return queries.sections_with_items(campaign)


@router.delete(
    "/{campaign_id}/sections/{section_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    summary="Delete a plan section",
)
def delete_section(request: HttpRequest, campaign_id: Id, section_id: Id) -> Status[None]:
    campaign, _access = _campaign(request, campaign_id, manage=True)
    section = get_object_or_404(PlanSection, pk=section_id, campaign=campaign)
    services.delete_plan_section(section=section, actor=current_user(request))
    return Status(204, None)


# ---------------------------------------------------------------- activities


@router.get(
    "/{campaign_id}/activities", response={200: list[ActivityOut], **errors(401, 404, 422)}, summary="List activities"
)
def list_activities(request: HttpRequest, campaign_id: Id) -> list[ActivityOut]:
    """Activities the caller may see: a liaison sees other units' activities once they are no longer drafts."""
    campaign, access = _campaign(request, campaign_id)
    return [ActivityOut.build(activity, access) for activity in queries.visible_activities(campaign, access)]


@router.get(
    "/{campaign_id}/activities/{activity_id}",
    response={200: ActivityOut, **errors(401, 404, 422)},
    summary="Get an activity",
)
def get_activity(request: HttpRequest, campaign_id: Id, activity_id: Id) -> ActivityOut:
    campaign, access = _campaign(request, campaign_id)
    return ActivityOut.build(_activity(access, campaign, activity_id), access)


@router.post(
    "/{campaign_id}/activities",
    response={201: ActivityOut, **errors(400, 401, 403, 404, 422)},
    summary="Add an activity",
)
def create_activity(request: HttpRequest, campaign_id: Id, payload: ActivityIn) -> Status[ActivityOut]:
    """Office staff add any activity; a liaison adds one that their own unit leads or co-organises."""
    campaign, access = _campaign(request, campaign_id)
    if not (access.can_add_activity and campaign.is_editable):
        raise PermissionDenied
    data, units = _activity_input(campaign, payload.model_dump(), activity=None)
    _require_own_unit(access, units)
    with renamed_fields(ACTIVITY_FIELD_NAMES):
        activity = services.save_activity(campaign=campaign, actor=current_user(request), data=data, units=units)
    return Status(201, _activity_out(campaign, access, activity))


@router.patch(
    "/{campaign_id}/activities/{activity_id}",
    response={200: ActivityOut, **errors(400, 401, 403, 404, 422)},
    summary="Change an activity",
)
def update_activity(request: HttpRequest, campaign_id: Id, activity_id: Id, payload: ActivityPatch) -> ActivityOut:
    """Send only what changes; a unit role list that is sent replaces that role's units."""
    campaign, access = _campaign(request, campaign_id)
    activity = _activity(access, campaign, activity_id, edit=True)
    data, units = _activity_input(campaign, payload.model_dump(exclude_unset=True), activity=activity)
    _require_own_unit(access, units)
    with renamed_fields(ACTIVITY_FIELD_NAMES):
        services.save_activity(
            campaign=campaign, actor=current_user(request), data=data, units=units, activity=activity
        )
    return _activity_out(campaign, access, activity)


@router.delete(
    "/{campaign_id}/activities/{activity_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    summary="Delete an activity",
)
def delete_activity(request: HttpRequest, campaign_id: Id, activity_id: Id) -> Status[None]:
    """Deletes its sub-activities too."""
    campaign, access = _campaign(request, campaign_id)
    activity = _activity(access, campaign, activity_id, edit=True)
    services.delete_activity(activity=activity, actor=current_user(request))
    return Status(204, None)
