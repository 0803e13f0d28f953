"""The e-commerce fast track in a browser: a platform sends a request from a phone and records its measure;
the office issues the opinion from its dashboard. Every page passes axe. Selectors use ids and data
attributes, not translated labels.
"""

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_pages import serious_violations

pytestmark = pytest.mark.browser


def test_a_platform_sends_a_request_from_a_phone_and_records_its_measure(browser, server_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    log_in(page, server_url, "platform")

    page.goto(server_url + "/casework/ecommerce/platform/new/")
    assert serious_violations(page) == []
    page.fill("#id_shop_name", "浏览器测试小店")
    page.fill("#id_listing_url", "https://shop.example.com/item/77")
    page.fill("#id_patent_number", "ZL 2013 1 0699744.2")
    page.fill("#id_right_holder", "示例科技有限公司")
    page.fill("#id_contact_phone", "13900002222")
    page.fill("#id_facts", "权利人通知称该商品落入其专利保护范围。")
    page.locator("#request-form button[type=submit]").click()

    page.wait_for_selector("#request-facts")
    assert serious_violations(page) == []
    assert page.locator("[data-stage]").first.get_attribute("data-stage") == "awaiting_opinion"
    assert "13900002222" not in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.select_option("#step-measure select", "block")
    page.locator("#step-measure button[type=submit]").click()
    page.wait_for_selector("[data-measure=block]")

    page.goto(server_url + "/casework/ecommerce/platform/")
    assert serious_violations(page) == []
    assert page.locator("tr[data-number]").count() >= 5
    context.close()


def test_the_office_issues_an_opinion_from_its_dashboard(page, server_url):
    log_in(page, server_url, "caseworker")

    page.goto(server_url + "/casework/ecommerce/")
    assert serious_violations(page) == []
    page.locator("tr[data-stage=awaiting_opinion] th a").first.click()
    page.wait_for_selector("#opinion")
    assert serious_violations(page) == []
    page.check("#opinion input[value=not_infringing]")
    page.fill("#opinion textarea", "被控商品缺少权利要求1的技术特征。")
    page.locator("#opinion button[type=submit]").click()

    page.wait_for_selector("[data-opinion=not_infringing]")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "decided"
    assert page.locator("#opinion").count() == 0
