"""Acceptance of issue 6: a caseworker accepts, transfers and closes a case, with working-day deadlines
across the May Day holiday.

A complaint received on 28 April 2026 is due on 11 May 2026: 1–5 May are holidays and Saturday 9 May
is a make-up working day, so the seven working days are 29, 30 April and 6, 7, 8, 9, 11 May.
Selectors use ids and data attributes, not translated labels.
"""

import re
import uuid

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_pages import serious_violations

pytestmark = pytest.mark.browser

CREATE = """
import datetime as dt
from ipweek.casework.services.intake import submit_case
from ipweek.units.models import Unit
centre = Unit.objects.get(name="湖州市知识产权保护中心")
data = {{
    "subject": "展会现场销售标注失效专利号的保温杯", "ip_type": "utility_model",
    "complainant_name": "柳青青", "complainant_phone": "13900001111",
    "complainant_address": "湖州市吴兴区示例路10号",
    "respondent_name": "示例日用品展位", "respondent_address": "湖州国际会展中心",
    "facts": "展位销售的保温杯标注的专利号已终止。", "request": "请依法查处。",
}}
received = dt.datetime(2026, 4, 28, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
result = submit_case(
    office=centre, kind="complaint", channel="web", data=data, idempotency_key="{key}", received_at=received
)
print("CASE", result.case.number)
"""
BODY = "湖州市市场监督管理局"


@pytest.fixture
def case_number(run_ipweek, server_url) -> str:
    output = run_ipweek("shell", "-c", CREATE.format(key=f"browser-{uuid.uuid4().hex}"))
    return re.search(r"CASE (\S+)", output).group(1)


def status_of(page) -> str:
    return page.locator("#case").get_attribute("data-status")


def submit(page, form: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()


def test_caseworker_accepts_transfers_and_closes_a_case(page, server_url, case_number):
    log_in(page, server_url, "caseworker")
    page.goto(f"{server_url}/casework/cases/{case_number}/")

    due = page.locator("#case-due")
    assert due.get_attribute("data-due-date") == "2026-05-11"
    assert "2026年5月11日" in due.inner_text()
    assert status_of(page) == "received"
    assert page.locator("[data-field=complainant_phone]").inner_text() == "139****1111"
    assert serious_violations(page) == []

    submit(page, "#step-accept")
    assert status_of(page) == "accepted"

    page.locator("#transfer-link").click()
    page.select_option("#id_body_kind", "market_regulation")
    page.fill("#id_body_name", BODY)
    submit(page, "#transfer-form")
    assert status_of(page) == "transferred"
    transfer = page.locator(".transfer").first
    assert BODY in transfer.inner_text()

    page.locator("[id^=receipt-form-] select").select_option("accepted")
    submit(page, "[id^=receipt-form-]")
    assert page.locator(".transfer").first.get_attribute("data-receipt") == "accepted"

    page.locator("[id^=result-form-] textarea").fill("已立案查处，责令展位停止销售并下架涉事产品。")
    submit(page, "[id^=result-form-]")
    assert page.locator(".transfer").first.get_attribute("data-result") == "true"

    page.select_option("#id_decide-outcome", "transferred")
    submit(page, "#step-decide")
    assert status_of(page) == "decided"

    submit(page, "#step-close")
    assert status_of(page) == "closed"
    trail = page.locator("#trail li[data-action]")
    actions = [trail.nth(i).get_attribute("data-action") for i in range(trail.count())]
    assert actions == ["received", "accept", "transfer", "transfer_accepted", "transfer_result", "decide", "close"]
    messages = page.locator("#notifications tbody tr")
    assert messages.count() == 4  # accepted, transferred, the body's result, the decision
    assert "139****1111" in page.locator("#notifications").inner_text()
    assert "13900001111" not in page.content()


def test_caseworker_reveals_personal_data_for_one_page(page, server_url, case_number):
    log_in(page, server_url, "caseworker")
    page.goto(f"{server_url}/casework/cases/{case_number}/")

    submit(page, "form.reveal-form")
    revealed = page.locator("[data-field=complainant_phone]").inner_text()
    page.goto(f"{server_url}/casework/cases/{case_number}/")

    assert revealed == "13900001111"
    assert page.locator("[data-field=complainant_phone]").inner_text() == "139****1111"


@pytest.mark.parametrize("path", ["/casework/", "/casework/cases/", "/casework/cases/new/"])
def test_casework_pages_pass_axe(page, server_url, path):
    log_in(page, server_url, "caseworker")

    page.goto(server_url + path)

    assert serious_violations(page) == []
