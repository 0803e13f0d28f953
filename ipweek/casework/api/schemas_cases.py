"""Schemas of the read-only cases API. Personal data goes out masked, always: there is no unmasked variant."""

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from ipweek.api.schemas import MAX_INT, examples, inline_enum
from ipweek.casework.masking import mask_name, mask_phone
from ipweek.casework.models import Case, CaseEvent
from ipweek.casework.models.cases import IpType
from ipweek.casework.redaction import known_of, looks_like_person, mask_person, redact
from ipweek.casework.services.stats import DecisionTimes, Row, Statistics

CaseKind = Annotated[Case.Kind, inline_enum(Case.Kind)]
CaseStatus = Annotated[Case.Status, inline_enum(Case.Status)]
Count = Annotated[int, Field(ge=0)]
PositiveId = Annotated[int, Field(ge=1, le=MAX_INT)]


class CaseQuery(Schema):
    status: CaseStatus | None = Field(None, examples=["accepted"])
    kind: CaseKind | None = Field(None, examples=["complaint"])
    received_from: dt.date | None = Field(None, description="First day of receipt (inclusive).")
    received_to: dt.date | None = Field(None, description="Last day of receipt (inclusive).")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)


class StatsQuery(Schema):
    campaign_id: PositiveId | None = Field(None, description="Count the week of this campaign (its start to end date).")
    date_from: dt.date | None = Field(None, description="With date_to, any period instead of a campaign week.")
    date_to: dt.date | None = None
    office_id: PositiveId | None = Field(None, description="Only this office (default: every office you may read).")


CASE_EXAMPLE: dict[str, Any] = {
    "number": "TS2027-330500-00042",
    "kind": "complaint",
    "kind_label": "投诉",
    "channel": "web",
    "ip_type": "utility_model",
    "status": "accepted",
    "status_label": "已受理",
    "outcome": "",
    "subject": "网店销售仿冒专利产品",
    "office": {"id": 7, "name": "湖州市知识产权保护中心"},
    "received_at": "2027-04-21T09:30:00+08:00",
    "due_date": "2027-04-30",
    "decided_at": None,
    "closed_at": None,
    "complainant_kind": "person",
    "complainant_name": "张*",
    "complainant_phone": "138****1234",
    "is_real_name": True,
    "respondent_name": "某某电器店",
    "personal_data_purged": False,
}


class OfficeRef(Schema):
    id: int
    name: str


class CaseOut(Schema):
    number: str
    kind: str = Field(json_schema_extra={"enum": list(Case.Kind.values)})
    kind_label: str
    channel: str = Field(json_schema_extra={"enum": list(Case.Channel.values)})
    ip_type: str = Field(json_schema_extra={"enum": list(IpType.values)})
    status: str = Field(json_schema_extra={"enum": list(Case.Status.values)})
    status_label: str
    outcome: str = Field(description="Empty until decided.")
    subject: str = Field(description="Redacted: names and numbers of the parties masked.")
    office: OfficeRef
    received_at: dt.datetime
    due_date: dt.date | None
    decided_at: dt.datetime | None
    closed_at: dt.datetime | None
    complainant_kind: str
    complainant_name: str = Field(description="Masked (张*).")
    complainant_phone: str = Field(description="Masked (138****1234).")
    is_real_name: bool
    respondent_name: str = Field(description="A business as given; a person masked.")
    personal_data_purged: bool

    model_config = examples(CASE_EXAMPLE)

    @classmethod
    def fields_of(cls, case: Case) -> dict[str, Any]:
        respondent = case.respondent_name
        return {
            "number": case.number,
            "kind": case.kind,
            "kind_label": case.get_kind_display(),
            "channel": case.channel,
            "ip_type": case.ip_type,
            "status": case.status,
            "status_label": case.get_status_display(),
            "outcome": case.outcome,
            "subject": redact(case.subject, known_of(case)),
            "office": OfficeRef(id=case.office_id, name=case.office.name),
            "received_at": case.received_at,
            "due_date": case.due_date,
            "decided_at": case.decided_at,
            "closed_at": case.closed_at,
            "complainant_kind": case.complainant_kind,
            "complainant_name": mask_name(case.complainant_name),
            "complainant_phone": mask_phone(case.complainant_phone),
            "is_real_name": case.is_real_name,
            "respondent_name": mask_person(respondent) if looks_like_person(respondent) else respondent,
            "personal_data_purged": case.personal_data_purged_at is not None,
        }

    @classmethod
    def build(cls, case: Case) -> "CaseOut":
        return cls(**cls.fields_of(case))


class CasePage(Schema):
    count: Count = Field(description="Cases matching the filters, across all pages.")
    limit: int
    offset: int
    items: list[CaseOut]

    model_config = examples({"count": 1, "limit": 50, "offset": 0, "items": [CASE_EXAMPLE]})


class EventOut(Schema):
    action: str
    at: dt.datetime
    from_status: str
    to_status: str
    due_date: dt.date | None


class CaseDetailOut(CaseOut):
    right_number: str
    place_of_infringement: str
    respondent_url: str
    facts: str = Field(description="Redacted.")
    request: str = Field(description="Redacted.")
    litigation_pending: bool
    consents_to_mediation: bool
    due_rule: str
    events: list[EventOut]

    model_config = examples(
        {
            **CASE_EXAMPLE,
            "right_number": "ZL2023 1 0******.5",
            "place_of_infringement": "湖州市",
            "respondent_url": "",
            "facts": "张某于2027年4月在该店购买的产品标注专利号ZL2023 1 0******.5，经查专利已终止。",
            "request": "请依法查处。",
            "litigation_pending": False,
            "consents_to_mediation": True,
            "due_rule": "complaint.mediation",
            "events": [
                {
                    "action": "received",
                    "at": "2027-04-21T09:30:00+08:00",
                    "from_status": "",
                    "to_status": "received",
                    "due_date": "2027-04-30",
                }
            ],
        }
    )

    @classmethod
    def build_detail(cls, case: Case, events: list[CaseEvent]) -> "CaseDetailOut":
        known = known_of(case)
        return cls(
            **cls.fields_of(case),
            right_number=redact(case.right_number),
            place_of_infringement=redact(case.place_of_infringement, known),
            respondent_url=redact(case.respondent_url),
            facts=redact(case.facts, known),
            request=redact(case.request, known),
            litigation_pending=case.litigation_pending,
            consents_to_mediation=case.consents_to_mediation,
            due_rule=case.due_rule,
            events=[
                EventOut(
                    action=e.action, at=e.at, from_status=e.from_status, to_status=e.to_status, due_date=e.due_date
                )
                for e in events
            ],
        )


class RowOut(Schema):
    key: str
    label: str
    count: Count


class DecisionOut(Schema):
    key: str
    label: str
    decided: Count
    median: float | None = Field(description="Working days from receipt to decision.")
    mean: float | None
    within_limit: Count = Field(description="Decided within the acceptance time limit of the case's type.")
    limit: str


def _rows(rows: list[Row]) -> list[RowOut]:
    return [RowOut(key=row.key, label=row.label, count=row.count) for row in rows]


def _decision(times: DecisionTimes) -> DecisionOut:
    return DecisionOut(**times.__dict__)


class StatsOut(Schema):
    period_start: dt.date
    period_end: dt.date
    campaign_id: int | None
    offices: list[str]
    total: Count
    by_kind: list[RowOut]
    by_channel: list[RowOut]
    by_ip_type: list[RowOut]
    by_status: list[RowOut]
    by_outcome: list[RowOut]
    decisions: DecisionOut
    decisions_by_kind: list[DecisionOut]
    desk_total: Count
    desk_by_topic: list[RowOut]
    desk_by_outcome: list[RowOut]

    model_config = examples(
        {
            "period_start": "2027-04-20",
            "period_end": "2027-04-26",
            "campaign_id": 3,
            "offices": ["湖州市知识产权保护中心"],
            "total": 2,
            "by_kind": [{"key": "complaint", "label": "投诉", "count": 2}],
            "by_channel": [{"key": "web", "label": "网上", "count": 2}],
            "by_ip_type": [{"key": "design", "label": "外观设计专利", "count": 2}],
            "by_status": [{"key": "closed", "label": "已结案", "count": 2}],
            "by_outcome": [{"key": "mediated", "label": "调解成功", "count": 2}],
            "decisions": {
                "key": "all",
                "label": "全部类型",
                "decided": 2,
                "median": 4.5,
                "mean": 4.5,
                "within_limit": 2,
                "limit": "",
            },
            "decisions_by_kind": [
                {
                    "key": "complaint",
                    "label": "投诉",
                    "decided": 2,
                    "median": 4.5,
                    "mean": 4.5,
                    "within_limit": 2,
                    "limit": "7 个工作日",
                }
            ],
            "desk_total": 5,
            "desk_by_topic": [{"key": "infringement", "label": "侵权与应对", "count": 5}],
            "desk_by_outcome": [{"key": "answered", "label": "现场解答", "count": 5}],
        }
    )

    @classmethod
    def build(cls, stats: Statistics) -> "StatsOut":
        period = stats.period
        return cls(
            period_start=period.start,
            period_end=period.end,
            campaign_id=period.campaign.pk if period.campaign else None,
            offices=stats.office_names,
            total=stats.total,
            by_kind=_rows(stats.by_kind),
            by_channel=_rows(stats.by_channel),
            by_ip_type=_rows(stats.by_ip_type),
            by_status=_rows(stats.by_status),
            by_outcome=_rows(stats.by_outcome),
            decisions=_decision(stats.decisions),
            decisions_by_kind=[_decision(times) for times in stats.decisions_by_kind],
            desk_total=stats.desk_total,
            desk_by_topic=_rows(stats.desk_by_topic),
            desk_by_outcome=_rows(stats.desk_by_outcome),
        )
