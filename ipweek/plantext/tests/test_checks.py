"""accounted_lines: the nothing-lost check the other tests rely on."""

from __future__ import annotations

from ipweek.plantext import ActivityDraft, PlanDraft, SectionDraft
from ipweek.plantext.checks import accounted_lines

TEXT = "标题\n\n正文一\n正文二\n第 1 页"


def test_accounted_lines_accepts_a_complete_draft():
    draft = PlanDraft(
        sections=[SectionDraft(heading="", lines=[1, 3])],
        activities=[ActivityDraft(title="活动", lines=[4])],
        unparsed=["第 1 页"],
        unparsed_lines=[5],
    )

    assert accounted_lines(draft, TEXT) == ([], [])


def test_accounted_lines_reports_missing_and_duplicated_lines():
    draft = PlanDraft(
        sections=[SectionDraft(heading="", lines=[1, 3])],
        activities=[ActivityDraft(title="活动", lines=[3], children=[ActivityDraft(title="子", lines=[2])])],
    )

    missing, duplicated = accounted_lines(draft, TEXT)

    assert missing == [4, 5]
    assert duplicated == [2, 3]


def test_accounted_lines_matches_unparsed_by_text_when_numbers_are_absent():
    draft = PlanDraft(sections=[SectionDraft(heading="", lines=[1, 3, 4])], unparsed=["第 1 页"])

    assert accounted_lines(draft, TEXT) == ([], [])
