"""Input and output schemas of the campaign API, with their OpenAPI examples."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from ipweek.api.schemas import (
    Clock,
    Id,
    Money,
    PlainText,
    RequiredText,
    RichText,
    Year,
    clock,
    examples,
    inline_enum,
    input_config,
    patch_config,
    patch_field,
)
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign, PlanSection
from ipweek.campaigns.permissions import (
    CampaignAccess,
)
from ipweek.units.api import RegionRef

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
