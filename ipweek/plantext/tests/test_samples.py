"""The sample corpus: every plan under samples/ reads as its .expected.json says, and loses no line.

Each sample is ``NN_name.txt`` with a sibling ``NN_name.expected.json`` holding a SUBSET of the
PlanDraft: the fields present are checked and the fields absent are not. The reading conventions
behind the expectations are in samples/README.md.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from ipweek.plantext import parse_plan, read_text

SAMPLES = Path(__file__).parent / "samples"
SAMPLE_PATHS = sorted(SAMPLES.glob("*.txt"))
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Keys an expected file must always give, and the keys the test compares in its own way.
REQUIRED_KEYS = {
    "kind", "genre", "year", "region", "title", "theme", "start_date", "end_date",
    "section_headings", "section_kinds",
}  # fmt: skip
SPECIAL_KEYS = {"section_headings", "section_kinds", "activities", "contacts", "unparsed_contains", "warnings_contain"}
ACTIVITY_REQUIRED_KEYS = {"title", "date_text", "lead_units", "support_units"}
SECTION_KINDS = {
    "guiding_ideology", "time", "theme", "priorities", "organisation", "arrangements", "requirements", "other",
}  # fmt: skip

samples = pytest.mark.parametrize("path", SAMPLE_PATHS, ids=[path.stem for path in SAMPLE_PATHS])


def expected_of(path: Path) -> dict[str, Any]:
    return json.loads(path.with_name(f"{path.stem}.expected.json").read_text(encoding="utf-8"))


@cache
def read_sample(path: Path) -> tuple[str, Any]:
    """Decode and parse one sample once; several tests look at the same draft."""
    text = read_text(path.read_bytes())
    assert isinstance(text, str), f"read_text returned {type(text).__name__}, not str"
    return text, parse_plan(text)


def draft_of(path: Path) -> Any:
    return read_sample(path)[1]


def is_comment(key: str) -> bool:
    return key.startswith("_")


def show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def walk_activities(activities: list[Any], where: str = "activities") -> Iterator[tuple[str, Any]]:
    for index, activity in enumerate(activities):
        here = f"{where}[{index}] «{activity.title}»"
        yield here, activity
        yield from walk_activities(activity.children, f"{here}.children")


def activity_mismatches(expected: list[dict[str, Any]], actual: list[Any], where: str) -> list[str]:
    """Compare activities in order on the keys the expected entries give; children recursively."""
    problems = []
    if len(expected) != len(actual):
        problems.append(
            f"{where}: expected {len(expected)} activities {show([e.get('title') for e in expected])}, "
            f"got {len(actual)} {show([a.title for a in actual])}"
        )
    for index, (wanted, got) in enumerate(zip(expected, actual, strict=False)):
        here = f"{where}[{index}] «{wanted.get('title')}»"
        for key, value in wanted.items():
            if is_comment(key):
                continue
            if key == "children":
                problems += activity_mismatches(value, got.children, f"{here}.children")
            elif not hasattr(got, key):
                problems.append(f"{here}: ActivityDraft has no field {key!r}")
            elif getattr(got, key) != value:
                problems.append(f"{here}.{key}: expected {show(value)}, got {show(getattr(got, key))}")
    return problems


@samples
def test_sample_matches_expected_fields(path):
    expected = expected_of(path)
    draft = draft_of(path)

    actual = draft.to_dict()

    problems = []
    for key, value in expected.items():
        if is_comment(key) or key in SPECIAL_KEYS:
            continue
        if key not in actual:
            problems.append(f"{key}: not a PlanDraft field")
        elif actual[key] != value:
            problems.append(f"{key}: expected {show(value)}, got {show(actual[key])}")
    if "contacts" in expected:
        wanted, got = expected["contacts"], actual["contacts"]
        if len(wanted) != len(got):
            problems.append(f"contacts: expected {show(wanted)}, got {show(got)}")
        for index, (want, have) in enumerate(zip(wanted, got, strict=False)):
            for key, value in want.items():
                if have.get(key) != value:
                    problems.append(f"contacts[{index}].{key}: expected {show(value)}, got {show(have.get(key))}")
    for fragment in expected.get("unparsed_contains", []):
        if not any(fragment in line for line in draft.unparsed):
            problems.append(f"unparsed: no entry contains {show(fragment)}")
    for fragment in expected.get("warnings_contain", []):
        if not any(fragment in warning for warning in draft.warnings):
            problems.append(f"warnings: none contains {show(fragment)}; warnings are {show(draft.warnings)}")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@samples
def test_sample_sections_in_order(path):
    expected = expected_of(path)
    draft = draft_of(path)

    headings = [section.heading for section in draft.sections]
    kinds = [section.kind for section in draft.sections]

    assert headings == expected["section_headings"], (
        f"{path.name} section headings:\n expected {show(expected['section_headings'])}\n got      {show(headings)}"
    )
    assert kinds == expected["section_kinds"], (
        f"{path.name} section kinds (headings {show(headings)}):\n"
        f" expected {show(expected['section_kinds'])}\n got      {show(kinds)}"
    )


@samples
def test_sample_activities_as_expected(path):
    expected = expected_of(path)
    if "activities" not in expected:
        pytest.skip("the expected file does not list activities (summary or news)")
    draft = draft_of(path)

    problems = activity_mismatches(expected["activities"], draft.activities, "activities")

    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@samples
def test_sample_loses_no_line(path):
    text, draft = read_sample(path)
    lines = LINE_BREAK.split(text)
    non_blank = {number: line.strip() for number, line in enumerate(lines, start=1) if line.strip()}

    owners: dict[int, list[str]] = defaultdict(list)
    for index, section in enumerate(draft.sections):
        for number in section.lines:
            owners[number].append(f"sections[{index}] «{section.heading}»")
    for where, activity in walk_activities(draft.activities):
        for number in activity.lines:
            owners[number].append(where)
    unplaced = Counter(entry.strip() for entry in draft.unparsed)
    lost = []
    for number, stripped in non_blank.items():
        if number in owners:
            continue
        if unplaced[stripped]:
            unplaced[stripped] -= 1
        else:
            lost.append(number)
    placed_texts = {non_blank[number] for number in owners if number in non_blank}

    problems = [f"line {n}: not in any section, activity or unparsed: {show(non_blank[n])}" for n in lost]
    problems += [f"line {n}: no such line (the text has {len(lines)})" for n in owners if not 1 <= n <= len(lines)]
    problems += [
        f"line {n}: held by {len(places)} places {places}: {show(non_blank.get(n, ''))}"
        for n, places in sorted(owners.items())
        if len(places) > 1
    ]
    problems += [
        f"unparsed repeats a line that a section or activity already holds: {show(entry)}"
        for entry, count in unplaced.items()
        if count > 0 and entry in placed_texts
    ]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@samples
def test_sample_parts_point_at_their_source_lines(path):
    draft = draft_of(path)

    headed_without_lines = [s.heading for s in draft.sections if s.heading and not s.lines]
    activities_without_lines = [where for where, activity in walk_activities(draft.activities) if not activity.lines]

    # The preview shows each part beside the original text, so each must name the lines it came from.
    assert not headed_without_lines, f"{path.name}: sections without lines: {show(headed_without_lines)}"
    assert not activities_without_lines, f"{path.name}: activities without lines: {activities_without_lines}"


def test_corpus_is_complete_and_well_formed():
    problems = []
    for path in SAMPLE_PATHS:
        expected_path = path.with_name(f"{path.stem}.expected.json")
        if not expected_path.exists():
            problems.append(f"{path.name}: no {expected_path.name}")
            continue
        expected = expected_of(path)
        if missing := REQUIRED_KEYS - expected.keys():
            problems.append(f"{expected_path.name}: missing {sorted(missing)}")
        if len(expected.get("section_headings", [])) != len(expected.get("section_kinds", [])):
            problems.append(f"{expected_path.name}: section_headings and section_kinds differ in length")
        if unknown := set(expected.get("section_kinds", [])) - SECTION_KINDS:
            problems.append(f"{expected_path.name}: unknown section kinds {sorted(unknown)}")
        pending = list(expected.get("activities", []))
        while pending:
            activity = pending.pop()
            if missing := ACTIVITY_REQUIRED_KEYS - activity.keys():
                problems.append(f"{expected_path.name}: activity {activity.get('title')!r} misses {sorted(missing)}")
            pending += activity.get("children", [])
    orphans = [
        p.name
        for p in SAMPLES.glob("*.expected.json")
        if not p.with_name(p.name.replace(".expected.json", ".txt")).exists()
    ]
    problems += [f"{name}: no sample text beside it" for name in orphans]

    assert len(SAMPLE_PATHS) >= 18, f"only {len(SAMPLE_PATHS)} samples"
    assert not problems, "\n".join(problems)


def test_corpus_holds_a_gb18030_sample_and_a_crlf_sample():
    gbk = (SAMPLES / "16_gbk-encoded.txt").read_bytes()
    crlf = (SAMPLES / "15_ascii-crlf.txt").read_bytes()

    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert "知识产权" in gbk.decode("gb18030")
    assert crlf.count(b"\r\n") == crlf.count(b"\n") > 20
