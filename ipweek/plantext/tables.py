"""Activity tables: a header row naming its columns (活动名称 | 时间 | 地点 | 牵头单位 | 配合单位) and one
activity per following row. Rows arrive as lines with cells joined by '|' (the DOCX reader writes
them so; markdown and pasted tables look the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import find_date_phrase, find_time, resolve
from .draft import ActivityDraft
from .normalise import Line
from .units import split_units

_COLUMN_LABELS = (
    ("name", re.compile(r"活动名称|活动项目|项目名称|活动主题|活动内容|名称|项目|主题|内容|活动")),
    ("date", re.compile(r"活动时间|举办时间|时间|日期")),
    ("venue", re.compile(r"活动地点|地点|地址")),
    (
        "lead",
        re.compile(r"主办单位|牵头单位|责任单位|负责单位|组织单位|实施单位|责任部门|牵头部门|主办|牵头|责任|负责"),
    ),
    ("support", re.compile(r"承办单位|协办单位|配合单位|参与单位|承办|协办|配合|参与")),
)


@dataclass(slots=True)
class Columns:
    """Which cell of a row holds what."""

    roles: dict[str, list[int]] = field(default_factory=dict)

    def first(self, role: str) -> int | None:
        found = self.roles.get(role)
        return found[0] if found else None


def cells(key: str) -> list[tuple[int, int]]:
    """Spans of the cells of a table row (separators '|'), outer empty cells dropped."""
    spans, start = [], 0
    for index, char in enumerate(key):
        if char == "|":
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(key)))
    if spans and not key[spans[0][0] : spans[0][1]].strip():
        spans = spans[1:]
    if spans and not key[spans[-1][0] : spans[-1][1]].strip():
        spans = spans[:-1]
    return spans


def header_columns(line: Line) -> Columns | None:
    """The columns a header row names, when it names an activity column and at least one other."""
    if line.key.count("|") < 1:
        return None
    columns = Columns()
    for index, (start, end) in enumerate(cells(line.key)):
        text = line.key[start:end].strip()
        for role, pattern in _COLUMN_LABELS:
            if text and len(text) <= 8 and pattern.fullmatch(text):
                columns.roles.setdefault(role, []).append(index)
                break
    if "name" in columns.roles and len(columns.roles) >= 2:
        return columns
    return None


def is_row(line: Line) -> bool:
    """Whether ``line`` looks like a table row (at least two cells)."""
    return len(cells(line.key)) >= 2


def table_activity(line: Line, columns: Columns, *, year: int | None) -> ActivityDraft:
    """One activity from one table row."""
    spans = cells(line.key)

    def cell(index: int | None) -> tuple[str, str]:
        if index is None or index >= len(spans):
            return "", ""
        start, end = spans[index]
        return line.head[start:end].strip(), line.key[start:end].strip()

    title, _ = cell(columns.first("name"))
    activity = ActivityDraft(title=title or line.clean, description=line.clean, lines=[line.number])
    date_clean, date_key = cell(columns.first("date"))
    phrase = find_date_phrase(date_key)
    if phrase is not None:
        activity.date_text = date_clean[phrase.start : phrase.end]
        activity.start_date, activity.end_date = resolve(phrase, year)
    clock = find_time(date_key)
    if clock is not None:
        activity.time_text = date_clean[clock[0] : clock[1]]
    venue, _ = cell(columns.first("venue"))
    activity.venue = venue or None
    activity.lead_units = _units(columns.roles.get("lead", []), cell)
    activity.support_units = [
        name for name in _units(columns.roles.get("support", []), cell) if name not in activity.lead_units
    ]
    return activity


def _units(indexes: list[int], cell: object) -> list[str]:
    names: list[str] = []
    for index in indexes:
        clean, key = cell(index)  # type: ignore[operator]
        for start, end in split_units(key, 0, len(key), lenient=True) or []:
            name = clean[start:end].strip()
            if name and name not in names:
                names.append(name)
    return names
