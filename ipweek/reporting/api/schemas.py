"""Input and output schemas of the reporting API, with their OpenAPI examples."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, cast

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, WithJsonSchema
from pydantic_core import PydanticCustomError

from ipweek.api.schemas import (
    MAX_INT,
    Money,
    PlainText,
    RequiredText,
    RichText,
    examples,
    inline_enum,
    input_config,
    patch_config,
    patch_field,
)
from ipweek.campaigns.api.schemas import UnitRef
from ipweek.reporting.models import ActivityReport, Figure, Filing, Submission
from ipweek.reporting.queries import ReceiptState
from ipweek.reporting.services.figures import MAX_FIGURES
from ipweek.reporting.services.photos import CAPTION_MAX_LENGTH
from ipweek.reporting.services.submissions import MAX_SUMMARY_LENGTH

FilingStatus = Annotated[Filing.Status, inline_enum(Filing.Status)]
ReportKind = Annotated[ActivityReport.Kind, inline_enum(ActivityReport.Kind)]
ReportStatus = Annotated[ActivityReport.Status, inline_enum(ActivityReport.Status)]
FigureMetric = Annotated[Figure.Metric, inline_enum(Figure.Metric)]
SubmissionStatus = Annotated[Submission.Status, inline_enum(Submission.Status)]
ReceiptStateOut = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            "enum": [state.value for state in ReceiptState],
            "description": "submitted; withdrawn (and not submitted again); not_yet; "
            "overdue (nothing current, and the deadline has passed).",
        }
    ),
]
Count = Annotated[int, Field(ge=0, le=MAX_INT)]


def _local_if_naive(value: dt.datetime) -> dt.datetime:
    # Outside these years a moment is a typo, and near year 1 or 9999 it cannot even be moved to UTC.
    if value.year < 2000:
        raise PydanticCustomError("greater_than_equal", "Must be at least {ge}", {"ge": "2000-01-01"})
    if value.year > 2100:
        raise PydanticCustomError("less_than_equal", "Must be at most {le}", {"le": "2100-12-31"})
    # A moment without a zone offset is Beijing time, as the pages read it.
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _in_utc(value: dt.datetime) -> dt.datetime:
    # Moments go out in UTC like every other timestamp, whatever zone they were computed in.
    return value.astimezone(dt.UTC) if timezone.is_aware(value) else value


Moment = Annotated[dt.datetime, AfterValidator(_local_if_naive)]
UtcMoment = Annotated[dt.datetime, AfterValidator(_in_utc)]
Latitude = Annotated[Decimal, Field(ge=-90, le=90), AfterValidator(lambda value: round(value, 6))]
Longitude = Annotated[Decimal, Field(ge=-180, le=180), AfterValidator(lambda value: round(value, 6))]

# The service's error keys → the API's field names.
FIGURE_ERROR_PREFIX = "figures-"
REPORT_FIELD_NAMES = {"status": "__all__", "figure": "__all__", "image": "file"}


def patch_with_version(*values: dict[str, Any]) -> ConfigDict:
    """A PATCH body whose fields may all be left out, except ``version``."""
    describe = cast(Callable[[dict[str, Any]], None], patch_config(*values)["json_schema_extra"])

    def with_version(schema: dict[str, Any]) -> None:
        describe(schema)
        schema["required"] = ["version"]

    return ConfigDict(extra="forbid", json_schema_extra=with_version)


# --- filings -------------------------------------------------------------------------------------

FILING_EXAMPLE: dict[str, Any] = {
    "host": "沈阳市市场监督管理局",
    "co_hosts": "沈阳市教育局、沈阳师范大学",
    "venue": "沈阳师范大学图书馆报告厅",
    "latitude": "41.912345",
    "longitude": "123.412345",
    "starts_at": "2027-04-23T14:30:00+08:00",
    "ends_at": "2027-04-23T16:30:00+08:00",
    "contact_name": "李明",
    "contact_phone": "024-23456789",
    "budget": "8000.00",
    "expected_headcount": 300,
    "audience": "高校师生",
    "channels": "网站、微信公众号",
}


class FilingIn(Schema):
    """The whole filing: fields left out are emptied. ``version`` is the one the editor started from."""

    host: PlainText = Field("", max_length=200, description="主办单位; needed to submit.")
    co_hosts: PlainText = Field("", max_length=300, description="承办/协办单位, separated by 、")
    venue: PlainText = Field("", max_length=200, description="Needed to submit.")
    latitude: Latitude | None = Field(None, description="Decimal degrees, with longitude or not at all.")
    longitude: Longitude | None = None
    starts_at: Moment = Field(description="ISO 8601; without an offset it is Beijing time.")
    ends_at: Moment | None = None
    contact_name: PlainText = Field("", max_length=64, description="Needed to submit.")
    contact_phone: PlainText = Field(
        "", max_length=32, description="Needed to submit: a mobile (13800138000) or a landline with area code."
    )
    budget: Money | None = Field(None, description="Yuan, as a decimal string or a number.")
    expected_headcount: Count | None = None
    audience: PlainText = Field("", max_length=200)
    channels: PlainText = Field("", max_length=200)
    version: Count = Field(description="The filing's version when you read it; 0 for a filing not yet saved.")

    model_config = input_config({**FILING_EXAMPLE, "version": 2})


class FilingVersionIn(Schema):
    version: Count | None = Field(None, description="If given, refused with 409 when the filing has changed since.")

    model_config = input_config({"version": 3})


class FilingReviewIn(Schema):
    comment: PlainText = Field("", max_length=2000, description="Required when returning: what the unit should change.")
    version: Count | None = Field(None, description="If given, refused with 409 when the filing has changed since.")

    model_config = input_config({"comment": "请补充活动现场安全预案。", "version": 3})


class FilingOut(Schema):
    id: int | None = Field(description="null until the filing is first saved.")
    activity_id: int
    unit: UnitRef = Field(description="The unit filing.")
    host: str
    co_hosts: str
    venue: str
    latitude: Decimal | None
    longitude: Decimal | None
    starts_at: UtcMoment | None
    ends_at: UtcMoment | None
    contact_name: str
    contact_phone: str
    budget: Decimal | None
    expected_headcount: int | None
    audience: str
    channels: str
    status: FilingStatus
    review_comment: str
    changed_after_approval: bool = Field(description="Edited since the office approved it; awaits a new approval.")
    is_late: bool = Field(description="Submitted after the filing deadline (or still unsent after it).")
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    version: int = Field(description="Send it back with the next change; 0 until the filing is first saved.")
    updated_at: dt.datetime | None
    can_edit: bool = Field(description="Whether the caller may change and submit this filing.")
    can_review: bool = Field(description="Whether the caller may approve or return it now.")

    model_config = examples(
        {
            **FILING_EXAMPLE,
            "id": 17,
            "activity_id": 101,
            "unit": {"id": 7, "name": "沈阳市市场监督管理局"},
            "starts_at": "2027-04-23T06:30:00Z",
            "ends_at": "2027-04-23T08:30:00Z",
            "status": "submitted",
            "review_comment": "",
            "changed_after_approval": False,
            "is_late": False,
            "submitted_at": "2027-04-12T02:00:00Z",
            "reviewed_at": None,
            "version": 3,
            "updated_at": "2027-04-12T02:00:00Z",
            "can_edit": True,
            "can_review": False,
        }
    )


# --- reports, figures, photos --------------------------------------------------------------------


class FigureIn(Schema):
    metric: FigureMetric
    label: PlainText = Field("", max_length=64, description="What an “other” figure counts; required for it.")
    value: Decimal = Field(
        description="Not negative; a whole number except for “other”; at most two decimal places. "
        "Unusually large values for the campaign's level are saved flagged needs_confirmation."
    )
    unit: PlainText = Field(
        "", max_length=16, description="Empty for the metric's own unit (人次, 份, …); free for “other”."
    )
    confirmed: bool = Field(False, description="The reporter vouches for a value flagged as unusually large.")

    model_config = input_config({"metric": "participants", "value": 320, "unit": "人次"})


REPORT_EXAMPLE: dict[str, Any] = {
    "kind": "closing",
    "title": "知识产权进校园活动总结",
    "body": "<p>4月23日下午，在沈阳师范大学开展知识产权进校园宣讲。</p>",
    "figures": [
        {"metric": "participants", "label": "", "value": "320", "unit": "人次", "confirmed": False},
        {"metric": "materials", "label": "", "value": "500", "unit": "份", "confirmed": False},
        {"metric": "other", "label": "展板", "value": "12", "unit": "块", "confirmed": False},
    ],
}


class ReportIn(Schema):
    kind: ReportKind
    title: RequiredText = Field(max_length=200)
    body: RichText = Field("", description="Rich text; a few HTML tags are kept, the rest removed.")
    figures: list[FigureIn] = Field(
        default_factory=list, max_length=MAX_FIGURES, description="Only a closing report carries figures."
    )

    model_config = input_config(REPORT_EXAMPLE)


class ReportPatch(Schema):
    title: RequiredText = patch_field(max_length=200)
    body: RichText = patch_field()
    figures: list[FigureIn] = patch_field(max_length=MAX_FIGURES, description="Sent: replaces all the figures.")
    version: Count = Field(description="The report's version when you read it.")

    model_config = patch_with_version(
        {"version": 4, "figures": [{"metric": "participants", "value": "350", "unit": "人次", "confirmed": False}]}
    )


class ReviewIn(Schema):
    comment: PlainText = Field("", max_length=2000, description="Shown to the unit; required when returning.")

    model_config = input_config({"comment": "请补充活动照片说明。"})


class FigureOut(Schema):
    id: int
    metric: FigureMetric
    label: str
    value: Decimal
    unit: str
    needs_confirmation: bool = Field(description="Unusually large for the campaign's level; office staff confirm it.")
    confirmed: bool = Field(description="Vouched for by the reporter, or confirmed by the office.")

    model_config = examples(
        {
            "id": 55,
            "metric": "participants",
            "label": "",
            "value": "320.00",
            "unit": "人次",
            "needs_confirmation": False,
            "confirmed": False,
        }
    )

    @classmethod
    def build(cls, figure: Figure) -> "FigureOut":
        return cls(
            id=figure.pk,
            metric=Figure.Metric(figure.metric),
            label=figure.label,
            value=figure.value,
            unit=figure.unit,
            needs_confirmation=figure.needs_confirmation,
            confirmed=figure.confirmed_by_id is not None,
        )


class PhotoOut(Schema):
    id: int
    caption: str
    url: str | None = Field(description="The published copy: resized, without EXIF.")
    width: int
    height: int
    taken_at: UtcMoment | None = Field(description="From the photo's EXIF, when it says.")
    created_at: dt.datetime

    model_config = examples(
        {
            "id": 9,
            "caption": "宣讲现场",
            "url": "https://ipweek.example.cn/media/reports/published/2027/04/3f2a….jpg",
            "width": 1600,
            "height": 1200,
            "taken_at": "2027-04-23T06:45:10Z",
            "created_at": "2027-04-23T09:00:00Z",
        }
    )


class PhotoForm(Schema):
    caption: PlainText = Field("", max_length=CAPTION_MAX_LENGTH)

    model_config = input_config({"caption": "宣讲现场"})


REPORT_OUT_EXAMPLE: dict[str, Any] = {
    "id": 31,
    "campaign_id": 41,
    "activity_id": 101,
    "activity_title": "知识产权进校园",
    "unit": {"id": 7, "name": "沈阳市市场监督管理局"},
    "kind": "closing",
    "title": "知识产权进校园活动总结",
    "body": "<p>4月23日下午，在沈阳师范大学开展知识产权进校园宣讲。</p>",
    "status": "submitted",
    "is_late": False,
    "review_comment": "",
    "submitted_at": "2027-04-24T01:00:00Z",
    "reviewed_at": None,
    "published_at": None,
    "version": 5,
    "figures": [FigureOut.model_config["json_schema_extra"]["examples"][0]],  # type: ignore[index]
    "photos": [PhotoOut.model_config["json_schema_extra"]["examples"][0]],  # type: ignore[index]
    "can_edit": False,
    "created_at": "2027-04-23T09:00:00Z",
    "updated_at": "2027-04-24T01:00:00Z",
}


class ReportOut(Schema):
    id: int
    campaign_id: int
    activity_id: int
    activity_title: str
    unit: UnitRef = Field(description="The unit reporting.")
    kind: ReportKind
    title: str
    body: str
    status: ReportStatus
    is_late: bool = Field(description="A closing report first sent after the report deadline.")
    review_comment: str
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    published_at: dt.datetime | None
    version: int = Field(description="Send it back with the next PATCH.")
    figures: list[FigureOut]
    photos: list[PhotoOut]
    can_edit: bool = Field(description="Whether the caller may change the report, its figures and photos now.")
    created_at: dt.datetime
    updated_at: dt.datetime

    model_config = examples(REPORT_OUT_EXAMPLE)


class ReportFilter(Schema):
    kind: ReportKind | None = Field(None, examples=["closing"])
    status: ReportStatus | None = Field(None, examples=["approved"])
    limit: int = Field(200, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=10_000_000)


# --- rollup and submissions ----------------------------------------------------------------------

TOTALS_DESCRIPTION = (
    "Metric key (participants, materials, …) → sum, as a decimal string; metrics without figures left out."
)


class BreakdownOut(Schema):
    key: str
    label: str
    totals: dict[str, Decimal] = Field(description=TOTALS_DESCRIPTION)
    activities: int
    reported: int = Field(description="Activities with a closing report that counts.")

    model_config = examples(
        {
            "key": "outreach_schools",
            "label": "进校园",
            "totals": {"participants": "320.00"},
            "activities": 4,
            "reported": 3,
        }
    )


class ActivityCountsOut(Schema):
    total: int
    reported: int


ROLLUP_EXAMPLE: dict[str, Any] = {
    "campaign_id": 41,
    "include_descendants": True,
    "campaign_ids": [41, 57, 58],
    "generated_at": "2027-04-27T02:00:00Z",
    "totals": {"participants": "12840.00", "materials": "30500.00", "consultations": "860.00"},
    "other": {"展板": "48.00"},
    "activities": {"total": 52, "reported": 47},
    "by_region": [
        {
            "key": "41",
            "label": "沈阳市（本级）",
            "totals": {"participants": "8000.00"},
            "activities": 30,
            "reported": 28,
        },
        {"key": "57", "label": "和平区", "totals": {"participants": "4840.00"}, "activities": 22, "reported": 19},
    ],
    "by_category": [BreakdownOut.model_config["json_schema_extra"]["examples"][0]],  # type: ignore[index]
    "by_priority": [],
    "by_channel": [BreakdownOut.model_config["json_schema_extra"]["examples"][0]],  # type: ignore[index]
}


class RollupOut(Schema):
    """Counted figures: closing reports approved or published, linked activities counted once."""

    campaign_id: int
    include_descendants: bool
    campaign_ids: list[int] = Field(description="The campaigns summed: this one first, then those below it.")
    generated_at: dt.datetime
    totals: dict[str, Decimal] = Field(description=TOTALS_DESCRIPTION)
    other: dict[str, Decimal] = Field(description="Free-form (“other”) figures, label → sum.")
    activities: ActivityCountsOut = Field(description="Activities in scope (cancelled ones left out).")
    by_region: list[BreakdownOut] = Field(description="This level's own activities, then one row per child campaign.")
    by_category: list[BreakdownOut]
    by_priority: list[BreakdownOut] = Field(description="By the plan's priorities (宣传重点); empty without them.")
    by_channel: list[BreakdownOut] = Field(description="The six outreach channels (进机关/进企业/…), zeros included.")

    model_config = examples(ROLLUP_EXAMPLE)


SUBMISSION_EXAMPLE: dict[str, Any] = {
    "id": 12,
    "campaign_id": 57,
    "parent_id": 41,
    "version": 2,
    "status": "submitted",
    "summary": "我区宣传周期间共开展活动22场，参与群众4840人次。",
    "is_late": False,
    "submitted_at": "2027-04-28T08:00:00Z",
    "submitted_by": "张主任",
    "withdrawn_at": None,
    "withdrawn_by": None,
    "withdraw_reason": "",
    "snapshot": {
        "campaign_id": 57,
        "totals": {"participants": "4840.00"},
        "activities": {"total": 22, "reported": 19},
        "summary": "我区宣传周期间共开展活动22场，参与群众4840人次。",
    },
}


class SubmissionOut(Schema):
    id: int
    campaign_id: int
    parent_id: int
    version: int
    status: SubmissionStatus
    summary: str
    is_late: bool
    submitted_at: dt.datetime
    submitted_by: str | None
    withdrawn_at: dt.datetime | None
    withdrawn_by: str | None
    withdraw_reason: str
    snapshot: dict[str, Any] = Field(
        description="The rollup frozen when submitted (the shape of GET /rollup, plus summary and campaign)."
    )

    model_config = examples(SUBMISSION_EXAMPLE)

    @classmethod
    def build(cls, submission: Submission) -> "SubmissionOut":
        return cls(
            id=submission.pk,
            campaign_id=submission.campaign_id,
            parent_id=submission.parent_id,
            version=submission.version,
            status=Submission.Status(submission.status),
            summary=submission.summary,
            is_late=submission.is_late,
            submitted_at=submission.submitted_at,
            submitted_by=str(submission.submitted_by) if submission.submitted_by else None,
            withdrawn_at=submission.withdrawn_at,
            withdrawn_by=str(submission.withdrawn_by) if submission.withdrawn_by else None,
            withdraw_reason=submission.withdraw_reason,
            snapshot=submission.snapshot,
        )


class ReceiptOut(Schema):
    campaign_id: int
    title: str
    region: str
    state: ReceiptStateOut
    is_late: bool
    latest: SubmissionOut | None = Field(description="The child's latest version, current or withdrawn.")


class SubmissionsOut(Schema):
    campaign_id: int
    parent_id: int | None
    due: dt.datetime | None = Field(description="When this campaign must submit to its parent.")
    can_submit: bool = Field(description="Whether the caller may submit now (office staff, nothing current).")
    versions: list[SubmissionOut] = Field(description="What this campaign sent upward, newest first.")
    receipts_due: dt.datetime | None = Field(description="When the child campaigns must submit to this one.")
    receipts: list[ReceiptOut] = Field(description="One row per child campaign: who is in, who is late.")

    model_config = examples(
        {
            "campaign_id": 57,
            "parent_id": 41,
            "due": "2027-04-30T10:00:00Z",
            "can_submit": False,
            "versions": [SUBMISSION_EXAMPLE],
            "receipts_due": None,
            "receipts": [],
        },
        {
            "campaign_id": 41,
            "parent_id": None,
            "due": None,
            "can_submit": False,
            "versions": [],
            "receipts_due": "2027-04-30T10:00:00Z",
            "receipts": [
                {
                    "campaign_id": 57,
                    "title": "2027年和平区知识产权宣传周活动方案",
                    "region": "和平区",
                    "state": "submitted",
                    "is_late": False,
                    "latest": SUBMISSION_EXAMPLE,
                }
            ],
        },
    )


class SubmitIn(Schema):
    summary: PlainText = Field(
        "", max_length=MAX_SUMMARY_LENGTH, description="The covering summary sent with the figures."
    )

    model_config = input_config({"summary": "我区宣传周期间共开展活动22场，参与群众4840人次。"})


class WithdrawIn(Schema):
    reason: PlainText = Field(max_length=2000, description="Required: why the submission is withdrawn.")

    model_config = input_config({"reason": "参与人次统计有误，更正后重新报送。"})


class RollupParams(Schema):
    descendants: bool = Field(True, description="Include every campaign below this one.", examples=[False])
