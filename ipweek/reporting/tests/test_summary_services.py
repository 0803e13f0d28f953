import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ipweek.core.models import AuditEvent
from ipweek.reporting.models import SummaryDraft
from ipweek.reporting.services.summary import draft_summary, update_summary
from ipweek.reporting.tests.test_summary_builder import build_summary_campaign


@pytest.fixture
def summary_campaign(campaign, unit_a, unit_b):
    return build_summary_campaign(campaign, unit_a, unit_b)


def test_draft_summary_writes_the_draft_and_an_audit_event(summary_campaign, admin_zhang):
    draft = draft_summary(campaign=summary_campaign, actor=admin_zhang)

    event = AuditEvent.objects.get(action="summary.drafted")
    assert draft.title == "2027年示例市知识产权宣传周活动总结"
    assert draft.sections[2]["heading"] == "活动成效"
    assert draft.updated_by == admin_zhang
    assert (event.object_id, event.data["replaced"]) == (str(draft.pk), False)


def test_draft_summary_again_replaces_the_edited_draft(summary_campaign, admin_zhang):
    draft = draft_summary(campaign=summary_campaign, actor=admin_zhang)
    update_summary(
        draft=draft, title="改过的标题", sections=[{"heading": "只有一节", "paragraphs": ["x"]}], actor=admin_zhang
    )

    again = draft_summary(campaign=summary_campaign, actor=admin_zhang)

    assert SummaryDraft.objects.filter(campaign=summary_campaign).count() == 1
    assert again.pk == draft.pk
    assert again.title == "2027年示例市知识产权宣传周活动总结"
    assert len(again.sections) == 5
    assert AuditEvent.objects.filter(action="summary.drafted").latest("pk").data["replaced"] is True


def test_update_summary_keeps_paragraphs_and_strips_typed_numbers(summary_campaign, admin_zhang):
    draft = draft_summary(campaign=summary_campaign, actor=admin_zhang)
    sections = [
        {"heading": "一、组织领导", "paragraphs": ["第一段。", "  ", "第二段。"]},
        {"heading": "新增一节", "paragraphs": ["新的内容。"]},
        {"heading": "", "paragraphs": []},
    ]

    update_summary(draft=draft, title=" 总结 ", sections=sections, actor=admin_zhang)

    draft.refresh_from_db()
    assert draft.title == "总结"
    assert draft.sections == [
        {"heading": "组织领导", "paragraphs": ["第一段。", "第二段。"]},
        {"heading": "新增一节", "paragraphs": ["新的内容。"]},
    ]
    assert AuditEvent.objects.filter(action="summary.updated", object_id=str(draft.pk)).exists()


@pytest.mark.parametrize(
    ("title", "sections"),
    [
        ("", [{"heading": "一节", "paragraphs": []}]),
        ("总结", []),
        ("总结", [{"heading": "", "paragraphs": ["没有标题的段落。"]}]),
        ("总结", [{"heading": f"第{n}节", "paragraphs": []} for n in range(21)]),
    ],
)
def test_update_summary_refuses_missing_title_or_sections(summary_campaign, admin_zhang, title, sections):
    draft = draft_summary(campaign=summary_campaign, actor=admin_zhang)

    with pytest.raises(ValidationError):
        update_summary(draft=draft, title=title, sections=sections, actor=admin_zhang)

    draft.refresh_from_db()
    assert len(draft.sections) == 5


def test_update_summary_refuses_edits_of_a_draft_changed_meanwhile(summary_campaign, admin_zhang):
    draft = draft_summary(campaign=summary_campaign, actor=admin_zhang)
    seen = draft.updated_at - dt.timedelta(seconds=1)

    with pytest.raises(ValidationError, match="他人修改了这份总结"):
        update_summary(
            draft=draft,
            title="总结",
            sections=[{"heading": "一节", "paragraphs": []}],
            actor=admin_zhang,
            seen_updated_at=seen,
        )
