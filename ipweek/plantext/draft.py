"""The structured reading of a plan document: plain dataclasses, JSON-serialisable.

Field by field documentation: docs/plan-schema.md. ``None`` means "the document does not say".
This package imports nothing from Django.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["plan", "notice_with_plan", "summary", "news", "other"]
Genre = Literal["ipweek", "scitech_week", "cybersecurity_week", "quality_month", "other"]
SectionKind = Literal[
    "guiding_ideology", "time", "theme", "priorities", "organisation", "arrangements", "requirements", "other"
]  # fmt: skip


@dataclass
class SectionDraft:
    heading: str
    kind: SectionKind = "other"
    text: str = ""
    items: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # 1-based source line numbers this section holds


@dataclass
class ActivityDraft:
    title: str
    date_text: str | None = None
    start_date: str | None = None  # ISO date
    end_date: str | None = None
    time_text: str | None = None
    venue: str | None = None
    lead_units: list[str] = field(default_factory=list)
    support_units: list[str] = field(default_factory=list)
    description: str = ""
    children: list[ActivityDraft] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # 1-based source line numbers (children keep their own)


@dataclass
class Contact:
    name: str | None = None
    phone: str | None = None


@dataclass
class PlanDraft:
    kind: Kind = "other"
    genre: Genre = "other"
    year: int | None = None
    region: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    title: str | None = None
    theme: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    sections: list[SectionDraft] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    activities: list[ActivityDraft] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signed_date: str | None = None
    unparsed: list[str] = field(default_factory=list)
    unparsed_lines: list[int] = field(default_factory=list)  # 1-based source line of each `unparsed` entry
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanDraft:
        """Rebuild a draft from its JSON form (as the web preview posts it back)."""
        values = dict(data)
        values["sections"] = [SectionDraft(**s) for s in data.get("sections", [])]
        values["activities"] = [_activity_from_dict(a) for a in data.get("activities", [])]
        values["contacts"] = [Contact(**c) for c in data.get("contacts", [])]
        known = set(cls.__dataclass_fields__)
        return cls(**{key: value for key, value in values.items() if key in known})


def _activity_from_dict(data: dict[str, Any]) -> ActivityDraft:
    values = dict(data)
    values["children"] = [_activity_from_dict(c) for c in data.get("children", [])]
    known = set(ActivityDraft.__dataclass_fields__)
    return ActivityDraft(**{key: value for key, value in values.items() if key in known})
