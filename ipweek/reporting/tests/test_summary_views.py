from io import BytesIO

import docx
import pytest
from django.urls import reverse

from ipweek.campaigns.tests.factories import UserFactory
from ipweek.reporting.models import SummaryDraft
from ipweek.reporting.services.summary import draft_summary
from ipweek.reporting.tests.test_summary_builder import build_summary_campaign


@pytest.fixture
def summary_campaign(campaign, unit_a, unit_b):
    return build_summary_campaign(campaign, unit_a, unit_b)


@pytest.fixture
def drafted(summary_campaign, admin_zhang):
    return draft_summary(campaign=summary_campaign, actor=admin_zhang)


def _url(name, campaign, *args):
    return reverse(f"reporting:{name}", args=[campaign.pk, *args])


def _edit_data(draft, sections, *, title="总结", extra=None):
    """The edit form as the browser posts it: the initial sections, then any added ones."""
    rows = [*sections, *(extra or [])]
    data = {
        "title": title,
        "seen_updated_at": draft.updated_at.isoformat(),
        "sections-TOTAL_FORMS": str(len(rows)),
        "sections-INITIAL_FORMS": str(len(sections)),
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data[f"sections-{index}-heading"] = row["heading"]
        data[f"sections-{index}-text"] = row["text"]
        if row.get("delete"):
            data[f"sections-{index}-DELETE"] = "on"
    return data


@pytest.mark.parametrize(
    ("name", "args"),
    [("summary", []), ("summary_edit", []), ("summary_export", ["docx"]), ("summary_workbook", [])],
)
def test_summary_pages_send_anonymous_visitors_to_login(client, campaign, name, args):
    response = client.get(_url(name, campaign, *args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_summary_page_offers_drafting_to_office_staff(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    response = client.get(_url("summary", campaign))

    assert response.status_code == 200
    assert _url("summary_draft", campaign) in response.content.decode()


def test_summary_page_shows_the_draft_to_a_liaison_without_edit_buttons(client, coordinator_li, drafted):
    client.force_login(coordinator_li)

    response = client.get(_url("summary", drafted.campaign))

    page = response.content.decode()
    assert response.status_code == 200
    assert "参与群众13,845人次" in page
    assert "三、活动成效" in page
    assert _url("summary_edit", drafted.campaign) not in page
    assert _url("summary_draft", drafted.campaign) not in page


def test_summary_page_is_hidden_from_people_outside_the_campaign(client, drafted):
    client.force_login(UserFactory(username="stranger"))

    response = client.get(_url("summary", drafted.campaign))

    assert response.status_code == 404


def test_summary_draft_by_office_staff_creates_the_draft(client, admin_zhang, summary_campaign):
    client.force_login(admin_zhang)

    response = client.post(_url("summary_draft", summary_campaign))

    assert response.status_code == 302
    assert SummaryDraft.objects.get(campaign=summary_campaign).title == "2027年示例市知识产权宣传周活动总结"


def test_summary_draft_asks_before_replacing_a_draft(client, admin_zhang, drafted):
    SummaryDraft.objects.filter(pk=drafted.pk).update(title="改过的标题")
    client.force_login(admin_zhang)

    response = client.post(_url("summary_draft", drafted.campaign))

    drafted.refresh_from_db()
    assert response.status_code == 200
    assert 'name="confirm" value="replace"' in response.content.decode()
    assert drafted.title == "改过的标题"


def test_summary_draft_replaces_once_confirmed(client, admin_zhang, drafted):
    SummaryDraft.objects.filter(pk=drafted.pk).update(title="改过的标题")
    client.force_login(admin_zhang)

    response = client.post(_url("summary_draft", drafted.campaign), {"confirm": "replace"})

    drafted.refresh_from_db()
    assert response.status_code == 302
    assert drafted.title == "2027年示例市知识产权宣传周活动总结"


def test_summary_draft_refused_for_liaison(client, coordinator_li, summary_campaign):
    client.force_login(coordinator_li)

    response = client.post(_url("summary_draft", summary_campaign))

    assert response.status_code == 403
    assert not SummaryDraft.objects.filter(campaign=summary_campaign).exists()


def test_summary_draft_is_hidden_from_people_outside_the_campaign(client, summary_campaign):
    client.force_login(UserFactory(username="stranger"))

    response = client.post(_url("summary_draft", summary_campaign))

    assert response.status_code == 404


def test_summary_edit_form_shows_sections_as_text(client, admin_zhang, drafted):
    client.force_login(admin_zhang)

    response = client.get(_url("summary_edit", drafted.campaign))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="组织领导"' in page
    assert "参与群众13,845人次" in page


def test_summary_edit_keeps_paragraphs_adds_and_removes_sections(client, admin_zhang, drafted):
    client.force_login(admin_zhang)
    sections = [
        {"heading": "组织领导", "text": "第一段，\r\n接着写。\r\n\r\n第二段。"},
        {"heading": "主要活动", "text": "要删掉的一节。", "delete": True},
    ]
    data = _edit_data(drafted, sections, title="修改后的总结", extra=[{"heading": "一点体会", "text": "新增的一节。"}])

    response = client.post(_url("summary_edit", drafted.campaign), data)

    drafted.refresh_from_db()
    assert response.status_code == 302
    assert drafted.title == "修改后的总结"
    assert drafted.sections == [
        {"heading": "组织领导", "paragraphs": ["第一段，接着写。", "第二段。"]},
        {"heading": "一点体会", "paragraphs": ["新增的一节。"]},
    ]


def test_summary_edit_ignores_the_empty_new_section(client, admin_zhang, drafted):
    client.force_login(admin_zhang)
    data = _edit_data(drafted, [{"heading": "组织领导", "text": "一段。"}], extra=[{"heading": "", "text": ""}])

    client.post(_url("summary_edit", drafted.campaign), data)

    drafted.refresh_from_db()
    assert drafted.sections == [{"heading": "组织领导", "paragraphs": ["一段。"]}]


def test_summary_edit_shows_errors_for_a_section_without_heading(client, admin_zhang, drafted):
    client.force_login(admin_zhang)
    data = _edit_data(drafted, [{"heading": "", "text": "没有标题的一段。"}])

    response = client.post(_url("summary_edit", drafted.campaign), data)

    drafted.refresh_from_db()
    assert response.status_code == 400
    assert len(drafted.sections) == 5


def test_summary_edit_refuses_a_stale_form(client, admin_zhang, drafted):
    client.force_login(admin_zhang)
    data = _edit_data(drafted, [{"heading": "组织领导", "text": "我的修改。"}])
    draft_summary(campaign=drafted.campaign, actor=admin_zhang)  # someone re-drafts meanwhile

    response = client.post(_url("summary_edit", drafted.campaign), data)

    drafted.refresh_from_db()
    assert response.status_code == 400
    assert len(drafted.sections) == 5


def test_summary_edit_refused_for_liaison(client, coordinator_li, drafted):
    client.force_login(coordinator_li)
    data = _edit_data(drafted, [{"heading": "组织领导", "text": "联络员的修改。"}])

    responses = [
        client.get(_url("summary_edit", drafted.campaign)),
        client.post(_url("summary_edit", drafted.campaign), data),
    ]

    drafted.refresh_from_db()
    assert [response.status_code for response in responses] == [403, 403]
    assert len(drafted.sections) == 5


def test_summary_edit_without_a_draft_goes_back_to_the_summary(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    response = client.get(_url("summary_edit", campaign))

    assert response.status_code == 302
    assert response["Location"] == _url("summary", campaign)


def test_summary_export_docx_for_higher_office_viewer(client, viewer_zhao, drafted):
    client.force_login(viewer_zhao)

    response = client.get(_url("summary_export", drafted.campaign, "docx"))

    text = "\n".join(p.text for p in docx.Document(BytesIO(response.content)).paragraphs)
    assert response.status_code == 200
    assert "filename*=UTF-8''2027-" in response["Content-Disposition"]
    assert "一、组织领导" in text
    assert "参与群众13,845人次" in text


@pytest.mark.parametrize(("fmt", "magic"), [("md", b"# 2027"), ("pdf", b"%PDF")])
def test_summary_export_other_formats_for_liaison(client, coordinator_li, drafted, fmt, magic):
    client.force_login(coordinator_li)

    response = client.get(_url("summary_export", drafted.campaign, fmt))

    assert response.status_code == 200
    assert response.content.startswith(magic)


def test_summary_export_refuses_unknown_format_and_missing_draft(client, admin_zhang, summary_campaign):
    client.force_login(admin_zhang)

    missing = client.get(_url("summary_export", summary_campaign, "docx"))
    draft_summary(campaign=summary_campaign, actor=admin_zhang)
    unknown = client.get(_url("summary_export", summary_campaign, "xls"))

    assert (missing.status_code, unknown.status_code) == (404, 404)


def test_summary_export_is_hidden_from_people_outside_the_campaign(client, drafted):
    client.force_login(UserFactory(username="stranger"))

    response = client.get(_url("summary_export", drafted.campaign, "docx"))

    assert response.status_code == 404


def test_summary_workbook_for_liaison(client, coordinator_li, summary_campaign):
    client.force_login(coordinator_li)

    response = client.get(_url("summary_workbook", summary_campaign))

    assert response.status_code == 200
    assert response.content.startswith(b"PK")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_summary_workbook_is_hidden_from_people_outside_the_campaign(client, summary_campaign):
    client.force_login(UserFactory(username="stranger"))

    response = client.get(_url("summary_workbook", summary_campaign))

    assert response.status_code == 404
