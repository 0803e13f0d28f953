"""The desk at the square day on a tablet: entries recorded with the network cut are synced once it returns."""

import pytest

from tests.browser.conftest import ARTIFACTS, log_in
from tests.browser.test_pages import serious_violations

pytestmark = pytest.mark.browser

SQUARE_DAY = "知识产权宣传服务广场日暨“12330”维权援助咨询台"
COUNT_ENTRIES = (
    "from ipweek.casework.models import DeskEntry; print(DeskEntry.objects.filter(activity__title='{title}').count())"
)


@pytest.fixture
def tablet(browser, server_url):
    context = browser.new_context(viewport={"width": 820, "height": 1180}, locale="zh-CN", has_touch=True)
    page = context.new_page()
    log_in(page, server_url, "caseworker")
    page.goto(server_url + "/casework/desk/")
    page.get_by_role("link", name=SQUARE_DAY).click()
    page.wait_for_selector("#desk-status:not([hidden])")
    yield context, page
    context.close()


def entries_at_the_square_day(run_ipweek) -> int:
    output = run_ipweek("shell", "-c", COUNT_ENTRIES.format(title=SQUARE_DAY))
    return int(output.strip().splitlines()[-1])  # the shell may print a line about auto-imports first


def record(page, topic: str, ip_type: str | None = None, note: str = "") -> None:
    page.locator(f"input[name=topic][value={topic}]").check()
    if ip_type:
        page.locator(f"input[name=ip_type][value={ip_type}]").check()
    page.fill("#id_note", note)
    page.click("#desk-save")


def wait_for_pending(page, count: int) -> None:
    page.wait_for_function(f"document.getElementById('desk-pending').dataset.count === '{count}'", timeout=20000)


def test_entries_recorded_offline_are_synced_once_the_network_returns(tablet, run_ipweek):
    context, page = tablet
    before = entries_at_the_square_day(run_ipweek)

    record(page, "application", "invention", "个人发明如何申请专利")
    record(page, "policy", note="资助政策")
    wait_for_pending(page, 0)
    context.set_offline(True)
    record(page, "infringement", "trademark", "商标被仿冒")
    record(page, "counterfeit")
    record(page, "ecommerce", note="网店被投诉")

    wait_for_pending(page, 3)
    assert page.locator("#desk-status").get_attribute("data-state") == "offline"
    assert "3" in page.inner_text("#desk-status-text")
    assert page.locator("#desk-queue li").count() == 3
    # The IP type chosen last is kept for the next entry.
    assert page.locator("input[name=ip_type][value=trademark]").is_checked()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "desk-offline.png"), full_page=True)

    context.set_offline(False)
    wait_for_pending(page, 0)
    page.wait_for_function("document.getElementById('desk-queue-section').hidden")

    assert entries_at_the_square_day(run_ipweek) == before + 5
    page.reload()
    assert page.locator("#desk-count-total").get_attribute("data-count") == str(before + 5)


def test_the_desk_page_opens_again_without_a_network(tablet, server_url):
    context, page = tablet
    # The service worker says when the page and its files are kept.
    page.wait_for_selector("#desk[data-offline-ready=true]", state="attached", timeout=20000)

    context.set_offline(True)
    page.reload()

    assert page.locator("#desk-form").is_visible()
    record(page, "other")
    wait_for_pending(page, 1)
    context.set_offline(False)
    wait_for_pending(page, 0)


def test_the_desk_page_passes_axe(tablet):
    _context, page = tablet

    assert serious_violations(page) == []


def test_logging_out_drops_the_desk_s_offline_copy(tablet):
    _context, page = tablet
    page.wait_for_selector("#desk[data-offline-ready=true]", state="attached", timeout=20000)
    assert page.evaluate("caches.keys().then(keys => keys.filter(k => k.startsWith('ipweek-desk-')).length)") > 0

    page.locator("form[data-logout] button").click()
    page.wait_for_url("**/accounts/login/**")

    assert page.evaluate("caches.keys().then(keys => keys.filter(k => k.startsWith('ipweek-desk-')).length)") == 0
    registrations = "navigator.serviceWorker.getRegistrations().then(all => all.length)"
    assert page.evaluate(registrations) == 0
