"""The staff import pages: upload or paste → preview → save as a new campaign or into an existing one."""

import io
import os

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from ipweek.campaigns import importing
from ipweek.campaigns.forms_import import MAX_UPLOAD_BYTES, sign_draft
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.tests.factories import UnitFactory
from ipweek.campaigns.tests.test_import_services import SEEDS, plan_draft
from ipweek.campaigns.views.imports import PlanUploadHandler
from ipweek.units.models import Unit

START = reverse("campaigns:import")
SAVE = reverse("campaigns:import_save")

PASTED_PLAN = """2018年示例市知识产权宣传周活动方案
一、活动时间
2018年4月20日至26日
二、活动安排
（一）举办宣传周启动仪式
4月20日上午9:30在市民广场举行启动仪式，由示例市知识产权局牵头，示例市教育局、示例市文联配合。
（二）开展知识产权进校园活动
宣传周期间，示例市教育局组织开展知识产权进校园活动。
"""


def reader():
    plantext = pytest.importorskip("ipweek.plantext")
    if not hasattr(plantext, "parse_plan"):
        pytest.skip("ipweek.plantext has no reader yet")
    return plantext


def save_data(user, home, draft=None, *, text="原文", **overrides):
    """What the preview form posts back for ``draft``, unchanged, as a new campaign of the persona's office."""
    draft = draft or plan_draft(region="示例市")
    data = {
        "draft": sign_draft(draft=draft, text=text, user_id=user.pk),
        "title": draft.title or "导入的方案",
        "year": draft.year or 2018,
        "theme": draft.theme or "",
        "start_date": draft.start_date or "",
        "end_date": draft.end_date or "",
        "target": "new",
        "region": home.region.pk,
        "organiser": home.organiser.pk,
        "action": "save",
    }
    for number, (activity, _depth) in enumerate(importing.walk_activities(draft.activities)):
        data[f"activity_{number}_title"] = activity.title
        data[f"activity_{number}_date_text"] = activity.date_text or ""
        data[f"activity_{number}_venue"] = activity.venue or ""
    data.update(overrides)
    return data


def imported_campaigns(existing):
    return Campaign.objects.exclude(pk=existing.pk)


# --- who may import ------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "url"), [("get", START), ("post", START), ("post", SAVE)])
def test_import_pages_send_anonymous_visitors_to_login(client, campaign, method, url):
    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["coordinator_li", "viewer_zhao"])
@pytest.mark.parametrize(("method", "url"), [("get", START), ("post", START), ("post", SAVE)])
def test_import_pages_are_refused_to_liaisons_and_viewers(client, request, campaign, persona, method, url):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    data = save_data(user, campaign) if url == SAVE else {"text": PASTED_PLAN}

    response = getattr(client, method)(url, data)

    assert response.status_code == 403
    assert Campaign.objects.count() == 1


def test_import_page_shows_the_upload_form_to_office_staff(client, admin_zhang):
    client.force_login(admin_zhang)

    response = client.get(START)

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert 'name="file"' in response.text and 'name="text"' in response.text


def test_campaign_list_links_to_the_import_for_office_staff(client, admin_zhang):
    client.force_login(admin_zhang)

    response = client.get(reverse("campaigns:list"))

    assert START in response.text


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "请上传方案文件或粘贴方案全文"),
        ({"text": "   \n  "}, "请上传方案文件或粘贴方案全文"),
        ({"file": SimpleUploadedFile("plan.txt", b"")}, None),
        ({"file": SimpleUploadedFile("plan.exe", b"MZ\x90\x00")}, "请选择 .txt、.docx"),
        ({"file": SimpleUploadedFile("plan.txt", "方案".encode()), "text": "方案"}, "二者选其一"),
    ],
    ids=["nothing", "blank-text", "empty-file", "wrong-extension", "both"],
)
def test_import_refuses_bad_input_with_a_message(client, admin_zhang, campaign, data, message):
    client.force_login(admin_zhang)

    response = client.post(START, data)

    assert response.status_code == 400
    assert 'role="alert"' in response.text
    if message:
        assert message in response.text
    assert Campaign.objects.count() == 1


def test_import_refuses_a_file_over_20_mb_by_its_size(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    huge = SimpleUploadedFile("plan.txt", b"a" * (MAX_UPLOAD_BYTES + 1024 * 1024))

    response = client.post(START, {"file": huge})

    kept = response.wsgi_request.FILES["file"]
    assert response.status_code == 400
    assert "20 MB" in response.text
    assert isinstance(kept, InMemoryUploadedFile)  # never written to a temporary file
    assert kept.size == huge.size  # counted as it arrived, then refused by its size
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize(("chunks", "kept"), [([b"abc", b"def"], b"abcdef"), ([b"abcdef", b"ghijkl"], b"")])
def test_plan_upload_handler_keeps_nothing_past_the_limit(chunks, kept):
    handler = PlanUploadHandler(limit=10)
    handler.new_file("file", "plan.txt", "text/plain", None)

    for chunk in chunks:
        handler.receive_data_chunk(chunk, 0)
    upload = handler.file_complete(sum(map(len, chunks)))

    assert (upload.size, upload.read()) == (sum(map(len, chunks)), kept)


def test_import_upload_still_checks_the_csrf_token(admin_zhang):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_zhang)

    response = client.post(START, {"text": PASTED_PLAN})

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("name", "content"),
    [("plan.docx", os.urandom(4096)), ("plan.txt", os.urandom(4096)), ("plan.pdf", b"%PDF-1.4 broken")],
    ids=["malformed-docx", "binary-txt", "broken-pdf"],
)
def test_import_refuses_unreadable_files_with_a_message(client, admin_zhang, campaign, name, content):
    reader()
    client.force_login(admin_zhang)

    response = client.post(START, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    assert 'class="form-errors" role="alert"' in response.text
    assert Campaign.objects.count() == 1


# --- preview -------------------------------------------------------------------------------------


def test_import_preview_shows_the_text_beside_the_reading(client, admin_zhang, campaign):
    reader()
    UnitFactory(name="示例市教育局", region=campaign.region)
    client.force_login(admin_zhang)

    response = client.post(START, {"text": PASTED_PLAN})

    assert response.status_code == 200
    page = response.text
    assert 'id="line-1"' in page and "2018年示例市知识产权宣传周活动方案" in page
    assert "举办宣传周启动仪式" in page and "开展知识产权进校园活动" in page
    assert 'name="draft"' in page and 'name="activity_0_title"' in page
    assert "unit-unmatched" in page  # 示例市文联 is no unit of the region
    assert 'name="create_units"' in page


def test_import_preview_offers_the_campaign_it_was_started_from(client, admin_zhang, campaign):
    reader()
    client.force_login(admin_zhang)

    response = client.post(f"{START}?campaign={campaign.pk}", {"text": PASTED_PLAN, "campaign": campaign.pk})

    assert response.status_code == 200
    assert f'<option value="{campaign.pk}" selected>' in response.text


def test_import_preview_refresh_matches_units_again_without_saving(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    draft = plan_draft(region="示例市", issuer="示例市知识产权局")
    draft.activities[0].lead_units = ["市知识产权局"]

    response = client.post(SAVE, save_data(admin_zhang, campaign, draft, action="refresh"))

    assert response.status_code == 200
    assert "unit-row-matched" in response.text  # 市知识产权局 → 示例市知识产权局
    assert Campaign.objects.count() == 1


# --- save ----------------------------------------------------------------------------------------


def test_import_save_creates_a_campaign_and_opens_its_dashboard(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    response = client.post(SAVE, save_data(admin_zhang, campaign))

    new = imported_campaigns(campaign).get()
    assert response.status_code == 302
    assert response.url == new.get_absolute_url()
    assert (new.title, new.year, new.region, new.organiser) == (
        "2018年辽源市知识产权宣传周活动方案", 2018, campaign.region, campaign.organiser)  # fmt: skip
    assert new.activities.count() == 5
    assert new.memberships.filter(user=admin_zhang, role="office_staff").exists()


def test_import_save_applies_the_corrections(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    data = save_data(
        admin_zhang, campaign, title="更正后的标题", theme="更正后的主题", activity_0_title="更正后的启动仪式",
        activity_0_venue="市民广场", activity_4_date_text="4月26日晚",
    )  # fmt: skip

    client.post(SAVE, data)

    new = imported_campaigns(campaign).get()
    assert (new.title, new.theme) == ("更正后的标题", "更正后的主题")
    assert new.activities.filter(title="更正后的启动仪式", venue="市民广场").exists()
    assert new.activities.get(title="知识产权文艺晚会").date_text == "4月26日晚"


def test_import_save_merges_into_a_campaign_the_user_manages(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    draft = plan_draft(year=campaign.year, start_date=None, end_date=None)
    for activity, _depth in importing.walk_activities(draft.activities):
        activity.start_date = activity.end_date = None

    response = client.post(SAVE, save_data(admin_zhang, campaign, draft, target="merge", campaign=campaign.pk))

    assert response.status_code == 302
    assert response.url == campaign.get_absolute_url()
    assert campaign.activities.count() == 5
    assert Campaign.objects.count() == 1


def test_import_save_creates_ticked_units_and_marks_co_organisers(client, admin_zhang, campaign):
    education = UnitFactory(name="示例市教育局", region=campaign.region)
    draft = plan_draft(region="示例市")
    client.force_login(admin_zhang)

    client.post(
        SAVE, save_data(admin_zhang, campaign, draft, create_units=["辽源袜业协会"], co_organisers=["市教育局"])
    )

    training = imported_campaigns(campaign).get().activities.get(title="开展相关知识产权培训活动")
    created = Unit.objects.get(name="辽源袜业协会")
    roles = {(role.unit, role.role) for role in training.unit_roles.all()}
    assert roles == {(education, ActivityUnit.Role.CO_ORGANISER), (created, ActivityUnit.Role.SUPPORTING)}


def test_import_save_refuses_a_tampered_draft(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    data = save_data(admin_zhang, campaign)
    data["draft"] = data["draft"][:-3] + ("AAA" if not data["draft"].endswith("AAA") else "BBB")

    response = client.post(SAVE, data)

    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert Campaign.objects.count() == 1


def test_import_save_refuses_a_draft_signed_for_someone_else(client, admin_zhang, campaign, coordinator_li):
    client.force_login(admin_zhang)
    data = save_data(coordinator_li, campaign)

    response = client.post(SAVE, data)

    assert response.status_code == 400
    assert Campaign.objects.count() == 1


def test_import_save_refuses_a_summary_without_the_checkbox(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    draft = plan_draft(kind="summary", warnings=["文中多处报告已完成的活动和数字（500余份），像活动总结。"])

    response = client.post(SAVE, save_data(admin_zhang, campaign, draft))

    assert response.status_code == 400
    assert "像活动总结" in response.text
    assert 'name="confirm_report"' in response.text
    assert Campaign.objects.count() == 1


def test_import_save_accepts_a_summary_with_the_checkbox(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    draft = plan_draft(kind="summary")

    response = client.post(SAVE, save_data(admin_zhang, campaign, draft, confirm_report="on"))

    assert response.status_code == 302
    assert imported_campaigns(campaign).get().activities.count() == 5


def test_import_save_shows_service_errors_on_the_preview(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    draft = plan_draft(year=campaign.year, start_date=None, end_date=None)

    response = client.post(SAVE, save_data(admin_zhang, campaign, draft))  # the region has a campaign that year

    assert response.status_code == 400
    assert 'class="field field-error"' in response.text
    assert Campaign.objects.count() == 1
    assert Activity.objects.count() == 0


def test_import_save_puts_an_activity_error_on_its_field(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    response = client.post(SAVE, save_data(admin_zhang, campaign, activity_1_title=""))

    assert response.status_code == 400
    assert response.context["form"].errors["activity_1_title"]
    assert Campaign.objects.count() == 1


def test_import_save_refuses_merging_into_a_campaign_the_user_only_reads(client, viewer_zhao, admin_zhang, campaign):
    other = Campaign.objects.create(
        year=2030, level="city", region=campaign.region, organiser=campaign.organiser, title="别人的",
        start_date="2030-04-20", end_date="2030-04-26",
    )  # fmt: skip
    client.force_login(admin_zhang)

    response = client.post(SAVE, save_data(admin_zhang, campaign, target="merge", campaign=other.pk))

    assert response.status_code == 400
    assert other.activities.count() == 0


# --- the whole way, through the real reader ------------------------------------------------------


def post_back(preview, **choices):
    """What the user's browser posts when they save the preview unchanged, with ``choices``."""
    form = preview.context["form"]
    data = {name: form[name].value() for name in form.fields if name not in {"create_units", "co_organisers"}}
    data = {name: getattr(value, "pk", value) for name, value in data.items() if value not in (None, "", False)}
    return {**data, "action": "save", **choices}


def test_import_pasted_text_then_save_creates_the_campaign(client, admin_zhang, campaign):
    reader()
    client.force_login(admin_zhang)
    preview = client.post(START, {"text": PASTED_PLAN})
    choices = {"target": "new", "region": campaign.region.pk, "organiser": campaign.organiser.pk}

    response = client.post(SAVE, post_back(preview, **choices))

    new = imported_campaigns(campaign).get()
    assert response.status_code == 302
    titles = set(new.activities.values_list("title", flat=True))
    assert {"举办宣传周启动仪式", "开展知识产权进校园活动"} <= titles


def test_import_seed_003_upload_then_save_exports_every_activity(client, admin_zhang, campaign):
    from ipweek.documents.exporters import export_plan

    reader()
    seed = SEEDS / "003_35cc8f679fb33b6b.txt"
    if not seed.exists():
        pytest.skip("../shared/seeds is not here")
    client.force_login(admin_zhang)
    preview = client.post(START, {"file": SimpleUploadedFile(seed.name, seed.read_bytes())})
    choices = {"target": "new", "region": campaign.region.pk, "organiser": campaign.organiser.pk}

    response = client.post(SAVE, post_back(preview, **choices))

    assert preview.status_code == 200
    assert response.status_code == 302
    new = imported_campaigns(campaign).get()
    content, _type, _name = export_plan(new, "docx")
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)
    titles = [activity.title for activity in Activity.objects.filter(campaign=new)]
    assert len(titles) >= 11
    assert [title for title in titles if title not in text] == []
    assert "举办宣传周广西活动启动仪式" in titles and "各市活动" in titles
