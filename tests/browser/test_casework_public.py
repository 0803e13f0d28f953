"""A citizen on a phone submits a complaint on the campaign's site and follows it with number and code."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

COMPLAINT_PAGE = "/2027/huzhou/complaint/"


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


def test_a_citizen_submits_a_complaint_on_a_phone_and_tracks_it(phone, server_url):
    page = phone
    page.goto(server_url + COMPLAINT_PAGE)
    assert serious_violations(page) == []
    assert horizontal_overflow(page) <= 0
    page.check("#id_kind_4")  # a consultation has no respondent: its fields hide
    assert page.locator("[data-field=respondent_name]").is_hidden()
    page.check("#id_kind_0")
    assert page.locator("[data-field=respondent_name]").is_visible()

    page.select_option("#id_ip_type", "utility_model")
    page.fill("#id_subject", "商场出售标注失效专利号的台灯")
    page.fill("#id_facts", "11月20日在某商场购买台灯一盏，外包装标注的专利号已失效。")
    page.fill("#id_request", "请依法查处。")
    page.fill("#id_complainant_name", "王小明")
    page.fill("#id_complainant_phone", "13900001111")
    page.fill("#id_complainant_address", "湖州市吴兴区示例路1号")
    page.fill("#id_respondent_name", "示例灯具店")
    page.fill("#id_respondent_address", "湖州市吴兴区示例商场二楼")
    page.locator("#case-form button[type=submit]").tap()

    page.wait_for_selector("#receipt")
    number = page.inner_text("#case-number").strip()
    code = page.inner_text("#access-code").strip()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "casework_public_receipt.png"), full_page=True)
    assert number.startswith("TS") and len(code) == 8
    qr = page.locator("#receipt img.qr-image")
    qr.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle(), timeout=5000)
    assert page.locator("[data-print]").is_visible()
    assert serious_violations(page) == []
    assert horizontal_overflow(page) <= 0

    page.locator("#receipt a[href*='/track/']").tap()
    assert page.input_value("#id_number") == number
    page.fill("#id_code", code)
    page.locator("#track-form button[type=submit]").tap()

    page.wait_for_selector("#case-progress")
    assert page.get_attribute("#case-progress", "data-status") == "received"
    assert code not in page.url
    assert serious_violations(page) == []


def test_a_missing_field_is_named_at_the_top_and_beside_the_field(phone, server_url):
    page = phone
    page.goto(server_url + COMPLAINT_PAGE)

    page.fill("#id_subject", "只写了标题")
    page.locator("#case-form button[type=submit]").tap()

    page.wait_for_selector("#error-summary")
    assert page.input_value("#id_subject") == "只写了标题"
    assert page.locator("#error-summary a[href='#id_facts']").count() == 1
    assert page.locator("#id_facts_error").is_visible()
    assert serious_violations(page) == []
