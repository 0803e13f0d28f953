import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.browser

STAFF_PAGES = ["/campaigns/", "/campaigns/{id}/", "/campaigns/{id}/plan/", "/campaigns/{id}/activities/",
               "/campaigns/{id}/schedule/", "/campaigns/{id}/matrix/", "/campaigns/{id}/activities/new/",
               "/campaigns/{id}/edit/"]  # fmt: skip


def city_campaign_id(page, server_url: str) -> str:
    page.goto(server_url + "/campaigns/")
    href = page.get_by_role("link", name="2027年湖州市知识产权宣传周活动方案").get_attribute("href")
    return href.strip("/").split("/")[-1]


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_login_page_passes_axe(page, server_url):
    page.goto(server_url + "/accounts/login/")

    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_pass_axe(page, server_url, path):
    log_in(page, server_url, "office")
    campaign_id = city_campaign_id(page, server_url)

    page.goto(server_url + path.format(id=campaign_id))

    assert serious_violations(page) == []


def test_schedule_shows_the_week_and_undated_activities(page, server_url):
    log_in(page, server_url, "office")
    campaign_id = city_campaign_id(page, server_url)

    page.goto(f"{server_url}/campaigns/{campaign_id}/schedule/")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "schedule.png"), full_page=True)
    assert page.locator(".schedule-day").count() == 7
    assert "宣传周期间" in page.locator("#undated-heading + ul").inner_text()
    assert "世界知识产权日" in page.inner_text("main")


def test_schedule_fits_a_phone_screen(browser, server_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    log_in(page, server_url, "office")
    campaign_id = city_campaign_id(page, server_url)

    page.goto(f"{server_url}/campaigns/{campaign_id}/schedule/")

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_large_type_mode_enlarges_text(page, server_url):
    log_in(page, server_url, "office")
    before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")

    page.get_by_role("button", name="大字模式").click()

    after = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert after > before


def test_english_is_available(page, server_url):
    log_in(page, server_url, "office")

    page.get_by_role("button", name="English").click()

    assert page.locator("h1").inner_text() == "Campaigns"
    assert page.locator("html").get_attribute("lang") == "en"


def test_liaison_sees_no_edit_links_for_other_units(page, server_url):
    log_in(page, server_url, "liaison")
    campaign_id = city_campaign_id(page, server_url)

    page.goto(f"{server_url}/campaigns/{campaign_id}/activities/")

    linked = page.locator("tbody td:first-child a").all_inner_texts()
    assert linked == ["知识产权司法保护新闻发布会"]
