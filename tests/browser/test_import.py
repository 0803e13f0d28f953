from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, log_in
from tests.browser.test_pages import serious_violations

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "ipweek/plantext/tests/samples/07_park-plan.txt"


def test_import_paste_preview_and_save(page, server_url):
    log_in(page, server_url, "office")
    page.goto(server_url + "/campaigns/import/")
    assert serious_violations(page) == []

    page.locator("textarea").fill(SAMPLE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="读取方案").click()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "import-preview.png"), full_page=True)
    assert serious_violations(page) == []
    preview = page.inner_text("main")
    assert "株洲" in preview
    page.get_by_role("button", name="保存方案").click()

    assert "/campaigns/" in page.url
    assert page.locator("h1").inner_text().startswith("2024")
