"""Checks on a draft against its source text, used by the tests (and handy when debugging)."""

from __future__ import annotations

from collections import Counter

from .draft import ActivityDraft, PlanDraft
from .normalise import is_blank, split_lines


def accounted_lines(draft: PlanDraft, text: str) -> tuple[list[int], list[int]]:
    """(missing, duplicated): non-blank source lines placed nowhere, and lines placed more than once.

    A line is placed by a section's ``lines``, an activity's ``lines`` (children included), or an
    ``unparsed`` entry (by ``unparsed_lines`` when the draft has them, else by matching text).
    """
    raw_lines = split_lines(text)
    wanted = {number for number, raw in enumerate(raw_lines, start=1) if not is_blank(raw)}
    placed: Counter[int] = Counter()
    for section in draft.sections:
        placed.update(section.lines)
    for activity in _walk(draft.activities):
        placed.update(activity.lines)
    if len(draft.unparsed_lines) == len(draft.unparsed):
        placed.update(draft.unparsed_lines)
    else:
        placed.update(_match_unparsed(draft.unparsed, raw_lines, wanted - set(placed)))
    missing = sorted(wanted - set(placed))
    duplicated = sorted(number for number, count in placed.items() if count > 1 or number not in wanted)
    return missing, duplicated


def _walk(activities: list[ActivityDraft]) -> list[ActivityDraft]:
    found: list[ActivityDraft] = []
    for activity in activities:
        found.append(activity)
        found.extend(_walk(activity.children))
    return found


def _match_unparsed(entries: list[str], raw_lines: list[str], open_numbers: set[int]) -> list[int]:
    by_text: dict[str, list[int]] = {}
    for number in sorted(open_numbers):
        by_text.setdefault(raw_lines[number - 1].strip(), []).append(number)
    matched = []
    for entry in entries:
        numbers = by_text.get(entry.strip())
        if numbers:
            matched.append(numbers.pop(0))
    return matched
