"""Acceptance of issue 4: the whole reporting loop, in the browser, against the real server.

The office invites 湖州海关 → its new liaison files the customs activity → the office approves →
the liaison sends a closing report with figures and a photo → the office approves and publishes it →
the 吴兴区 county office withdraws and resubmits its submission upward → the city's progress page
rolls the county up with the new figures → the drafted summary (DOCX) quotes those numbers.

Selectors lean on ids, URLs and classes rather than on translated labels, so the test reads the
same in Chinese and in English; the demo's Chinese names are data, not translations.
"""

import io
import re
from collections.abc import Iterator

import pytest
from docx import Document
from PIL import Image, ImageDraw

from tests.browser.conftest import ARTIFACTS, log_in
from tests.browser.test_pages import city_campaign_id, serious_violations

pytestmark = pytest.mark.browser

UNIT = "湖州海关"
ACTIVITY = "海关知识产权保护宣传"
COUNTY_TITLE = "2027年湖州市吴兴区知识产权宣传周活动方案"
COUNTY_REGION = "吴兴区"
COUNTY_PARTICIPANTS = 640  # the demo's approved county figures that count (its launch is linked to the city's)
PARTICIPANTS, MATERIALS = 777, 1234
PARTICIPANTS_LABEL, MATERIALS_LABEL = "参与人次", "发放资料"  # Figure.Metric labels
LIAISON = {"username": "haiguan", "display_name": "郑联络员（湖州海关）", "password": "Haiguan-2027-ipweek!"}
CAPTION = "湖州海关办事大厅宣传咨询现场"
GPS = {"latitude": (30.0, 52.0, 12.0), "longitude": (120.0, 5.0, 30.0)}  # 30.87°N 120.09°E


@pytest.fixture
def new_page(browser) -> Iterator:
    """Pages in separate browser contexts, so each person has their own cookies."""
    contexts = []

    def open_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def number(text: str) -> int:
    return int(text.strip().replace(",", ""))


def photo_with_exif(tmp_path) -> str:
    """A small JPEG as a phone writes it: time taken and the place (GPS) in EXIF."""
    image = Image.new("RGB", (640, 480), (30, 64, 175))
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 300, 580, 440), fill=(240, 240, 240))
    draw.ellipse((250, 60, 390, 200), fill=(250, 204, 21))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x8769] = {0x9003: "2026:04:22 10:15:00"}  # DateTimeOriginal
    exif[0x8825] = {1: "N", 2: GPS["latitude"], 3: "E", 4: GPS["longitude"]}
    path = tmp_path / "haiguan.jpg"
    image.save(path, format="JPEG", quality=85, exif=exif)
    return str(path)


def campaign_nav(page, campaign_id: str, area: str):
    """A link of the campaign's navigation bar: the pages must be reachable, not only addressable."""
    return page.locator(f"nav.campaign-nav a[href='/campaigns/{campaign_id}/{area}/']")


def accessible(page) -> list[str]:
    """Serious axe violations of the page as it stands, flash messages included."""
    return serious_violations(page)


def figure_row(page, label: str):
    """A row of the progress page's “figures so far” table: (all levels, this level)."""
    row = page.locator("table.figures tbody tr").filter(has=page.locator("th", has_text=re.compile(f"^{label}$")))
    cells = row.locator("td")
    return number(cells.nth(0).inner_text()), number(cells.nth(1).inner_text())


def test_reporting_loop(new_page, server_url, tmp_path):
    office = new_page()
    log_in(office, server_url, "office")
    city = city_campaign_id(office, server_url)
    office.goto(f"{server_url}/campaigns/{city}/progress/")
    participants_before, own_participants_before = figure_row(office, PARTICIPANTS_LABEL)
    materials_before, _own = figure_row(office, MATERIALS_LABEL)

    # 1. The office invites 湖州海关 and reads the one-time code off the page.
    office.goto(f"{server_url}/campaigns/{city}/")
    campaign_nav(office, city, "invitations").click()
    office.select_option("#id_unit", label=UNIT)
    office.locator("section[aria-labelledby=invite-heading] button[type=submit]").click()
    notice = office.locator("section[aria-labelledby=new-code-heading]")
    code = notice.locator(".big code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{8}", code), code
    assert UNIT in notice.inner_text()
    assert notice.inner_text().count(f"/invitations/accept/?code={code}") == 1
    assert accessible(office) == []

    # 2. An anonymous visitor accepts with the code, creates an account and is the unit's liaison.
    liaison = new_page()
    liaison.goto(f"{server_url}/invitations/accept/?code={code}")
    assert liaison.input_value("#id_code") == code
    assert accessible(liaison) == []
    liaison.fill("#id_username", LIAISON["username"])
    liaison.fill("#id_display_name", LIAISON["display_name"])
    liaison.fill("#id_email", "haiguan@example.com")
    liaison.fill("#id_password1", LIAISON["password"])
    liaison.fill("#id_password2", LIAISON["password"])
    liaison.locator("main form button[type=submit]").click()
    liaison.wait_for_url(f"{server_url}/campaigns/{city}/")
    assert LIAISON["display_name"] in liaison.locator(".account-nav .who").inner_text()
    assert UNIT in liaison.locator("ul.messages").inner_text()

    # 3. The liaison files (备案) the customs activity and submits the filing.
    campaign_nav(liaison, city, "filings").click()
    liaison.locator("table.filing-table a", has_text=ACTIVITY).click()
    filing_url = liaison.url
    assert liaison.input_value("#id_host") == UNIT  # pre-filled from the activity
    assert liaison.input_value("#id_venue") == "湖州海关办事大厅"
    liaison.fill("#id_starts_at", "2027-04-22T09:30")
    liaison.fill("#id_ends_at", "2027-04-22T11:30")
    liaison.fill("#id_contact_name", "郑联络员")
    liaison.fill("#id_contact_phone", "0572-2221234")
    liaison.fill("#id_expected_headcount", "800")
    assert accessible(liaison) == []
    liaison.locator("form.filing-form button[name=action][value=submit]").click()
    liaison.wait_for_url(f"{server_url}/campaigns/{city}/filings/")
    filing_row = liaison.locator("table.filing-table tbody tr", has_text=ACTIVITY)
    assert filing_row.locator(".badge-filing-submitted").count() == 1

    # 4. The office approves the filing.
    office.goto(filing_url)
    assert "0572-2221234" in office.input_value("#id_contact_phone")
    office.locator("section.filing-review button[formaction$='/filing/approve/']").click()
    office.wait_for_url(f"{server_url}/campaigns/{city}/filings/")
    assert office.locator("table.filing-table tbody tr", has_text=ACTIVITY).locator(".badge-filing-approved").count()

    # 5. The liaison writes the closing report with figures and a photo, and sends it.
    campaign_nav(liaison, city, "reports").click()
    liaison.locator("ul.report-activities li", has_text=ACTIVITY).locator("a[href$='?kind=closing']").click()
    assert liaison.input_value("#id_kind") == "closing"
    liaison.fill("#id_title", f"{ACTIVITY}总结")
    liaison.fill("#id_body", "湖州海关在办事大厅设立宣传咨询台，向进出口企业宣传知识产权海关保护备案和边境措施。")
    assert liaison.input_value("#id_figures-0-metric") == "participants"
    assert liaison.input_value("#id_figures-1-metric") == "materials"
    liaison.fill("#id_figures-0-value", str(PARTICIPANTS))
    liaison.fill("#id_figures-1-value", str(MATERIALS))
    liaison.set_input_files("#id_photos-0-image", photo_with_exif(tmp_path))
    liaison.fill("#id_photos-0-caption", CAPTION)
    assert accessible(liaison) == []
    liaison.locator("form.report-form p.actions button[type=submit]").click()
    liaison.wait_for_url(re.compile(rf"/campaigns/{city}/reports/\d+/$"))
    report_url = liaison.url
    figures = {
        row.locator("th").inner_text(): number(row.locator("td.number").inner_text().split()[0])
        for row in liaison.locator("table.figure-table tbody tr").all()
    }
    assert figures == {PARTICIPANTS_LABEL: PARTICIPANTS, MATERIALS_LABEL: MATERIALS}
    liaison.locator("form[action$='/submit/'] button[type=submit]").click()
    liaison.wait_for_url(report_url)
    assert liaison.locator(".badge-report-submitted").count() == 1

    # 6. The office approves and publishes it; the published report shows the photo.
    office.goto(report_url)
    office.locator("button[formaction$='/approve/']").click()
    office.wait_for_url(report_url)
    assert office.locator(".badge-report-approved").count() == 1
    office.locator("form[action$='/publish/'] button[type=submit]").click()
    office.wait_for_url(report_url)
    assert office.locator(".badge-report-published").count() == 1
    photo = office.locator(".photo-grid img")
    assert photo.get_attribute("alt") == CAPTION
    photo.scroll_into_view_if_needed()
    office.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    # The place is read from EXIF for the office, and stripped from the published copy.
    assert "30.87" in office.locator(".photo-grid .photo-private").inner_text()
    published = office.request.get(server_url + photo.get_attribute("src"))
    assert published.ok
    assert not Image.open(io.BytesIO(published.body())).getexif().get_ifd(0x8825)
    assert accessible(office) == []

    # 7. The county office withdraws version 1 with a reason and submits again: version 2.
    county = new_page()
    log_in(county, server_url, "county")
    county_id = county.get_by_role("link", name=COUNTY_TITLE).get_attribute("href").strip("/").split("/")[-1]
    county.goto(f"{server_url}/campaigns/{county_id}/")
    campaign_nav(county, county_id, "progress").click()
    county.locator(f"main a[href='/campaigns/{county_id}/submissions/']").click()
    county.wait_for_url(f"{server_url}/campaigns/{county_id}/submissions/")
    withdraw = county.locator("form[action*='/withdraw/']")
    withdraw.locator("textarea").fill("进社区宣传的发放资料数已由街道复核，撤回后重新报送。")
    withdraw.locator("button[type=submit]").click()
    county.wait_for_url(f"{server_url}/campaigns/{county_id}/submissions/")
    resubmit = county.locator("form[action$='/submissions/submit/']")
    resubmit.locator("textarea").fill("吴兴区宣传周期间共组织活动3场，数据经街道复核后重新报送。")
    resubmit.locator("button[type=submit]").click()
    county.wait_for_url(f"{server_url}/campaigns/{county_id}/submissions/")
    versions = county.locator("ol.submission-versions > li")
    assert versions.count() == 2
    assert versions.nth(0).locator(".badge-submitted").count() == 1
    assert versions.nth(1).locator(".badge-withdrawn").count() == 1
    versions.nth(1).locator("summary").click()  # older versions are folded away
    assert "撤回后重新报送" in versions.nth(1).inner_text()
    assert accessible(county) == []

    # 8. The city's progress page rolls the county up and counts the new report.
    office.goto(f"{server_url}/campaigns/{city}/")
    campaign_nav(office, city, "progress").click()
    participants, own_participants = figure_row(office, PARTICIPANTS_LABEL)
    materials, _own = figure_row(office, MATERIALS_LABEL)
    assert participants == participants_before + PARTICIPANTS
    assert own_participants == own_participants_before + PARTICIPANTS
    assert materials == materials_before + MATERIALS
    assert participants - own_participants == COUNTY_PARTICIPANTS  # the county's share of the rollup
    child = office.locator("section[aria-labelledby=children-heading] tbody tr").filter(
        has=office.locator("th", has_text=COUNTY_REGION)
    )
    assert number(child.locator("td.number").nth(2).inner_text()) == COUNTY_PARTICIPANTS
    assert child.locator(".badge-submitted").inner_text().count("2") == 1  # version 2
    region_chart = office.locator("figure.chart-figure svg desc").first.text_content()
    assert COUNTY_REGION in region_chart
    assert f"{COUNTY_PARTICIPANTS}" in region_chart
    activity_row = office.locator("table.progress-activities tbody tr").filter(
        has=office.locator("th", has_text=ACTIVITY)
    )
    assert number(activity_row.locator("td.number").inner_text()) == PARTICIPANTS
    ARTIFACTS.mkdir(exist_ok=True)
    office.screenshot(path=str(ARTIFACTS / "progress.png"), full_page=True)
    assert accessible(office) == []

    # 9. The office drafts the summary and downloads it as DOCX: the rolled-up numbers are in it.
    campaign_nav(office, city, "summary").click()
    office.locator(f"form[action='/campaigns/{city}/summary/draft/'] button[type=submit]").first.click()
    if office.url.endswith("/summary/draft/"):  # a draft already existed: confirm replacing it
        office.locator("input[name=confirm][value=replace] ~ button[type=submit]").click()
    office.wait_for_url(f"{server_url}/campaigns/{city}/summary/")
    document_text = office.locator("article.summary-document").inner_text()
    assert f"{participants:,}" in document_text
    office.screenshot(path=str(ARTIFACTS / "summary.png"), full_page=True)
    assert accessible(office) == []
    with office.expect_download() as download_info:
        office.locator(f"a[href='/campaigns/{city}/summary/export.docx']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    docx_path = tmp_path / "summary.docx"
    download.save_as(docx_path)
    docx = Document(str(docx_path))
    text = "\n".join(
        [paragraph.text for paragraph in docx.paragraphs]
        + [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    )
    assert f"{participants:,}人次" in text  # e.g. 参与群众16,097人次: the demo's 15,320 + 777
    assert f"{materials:,}份" in text  # the demo's materials + 1,234
    assert f"{COUNTY_PARTICIPANTS}人次" in text  # the county's participants, quoted as the lower level's share
