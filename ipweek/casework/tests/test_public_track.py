"""Tracking a case with its number and access code: what the public sees, and what it never sees."""

import re

import pytest
from django.urls import reverse

from ipweek.campaigns.models import Campaign
from ipweek.campaigns.tests.factories import MembershipFactory, UserFactory
from ipweek.casework.models import Case, CaseEvent, Transfer
from ipweek.casework.services.intake import office_for_campaign, submit_case
from ipweek.casework.services.workflow import apply_step
from ipweek.units.models import Membership

KEY = "track-key-" + "a" * 20
DATA = {
    "subject": "仿冒专利",
    "complainant_name": "张三丰",
    "complainant_phone": "13812341234",
    "complainant_address": "示例市人民路1号",
    "respondent_name": "某某电器店",
    "respondent_address": "示例市建设路8号",
    "facts": "<script>alert('x')</script>店里卖假货",
    "request": "请查处",
}


@pytest.fixture
def running(campaign):
    campaign.status = Campaign.Status.RUNNING
    campaign.save(update_fields=["status"])
    return campaign


@pytest.fixture
def submitted(running):
    office = office_for_campaign(running)
    return submit_case(office=office, campaign=running, kind="complaint", channel="web", data=DATA, idempotency_key=KEY)


@pytest.fixture
def caseworker(running):
    user = UserFactory(username="caseworker_qian", display_name="钱办案员")
    MembershipFactory(user=user, campaign=running, unit=running.organiser, role=Membership.Role.CASEWORKER)
    return user


def track_url(campaign):
    return reverse("casework_public:track", args=[campaign.year, campaign.region.slug])


def without_tokens(response, *texts: str) -> str:
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    for text in texts:
        body = body.replace(text, "…")
    return body


def test_track_form_prefills_the_number(client, running):
    response = client.get(track_url(running), {"number": "TS2026-990400-00001"})

    assert response.status_code == 200
    assert 'value="TS2026-990400-00001"' in response.content.decode()


def test_track_is_hidden_for_a_draft_campaign(client, campaign):
    assert client.get(track_url(campaign)).status_code == 404
    assert client.post(track_url(campaign), {"number": "x", "code": "y"}).status_code == 404


def test_the_right_code_shows_the_progress(client, submitted, running):
    case = submitted.case

    response = client.post(track_url(running), {"number": case.number.lower(), "code": submitted.access_code.lower()})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="received"' in body
    assert case.number in body
    assert 'data-action="received"' in body
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert submitted.access_code not in body


def test_a_wrong_code_and_an_unknown_number_look_the_same(client, submitted, running):
    number = submitted.case.number
    unknown = number[:-5] + "99999"

    wrong_code = client.post(track_url(running), {"number": number, "code": "WRONG234"})
    no_case = client.post(track_url(running), {"number": unknown, "code": "WRONG234"})

    assert wrong_code.status_code == no_case.status_code == 400
    assert 'data-lookup="failed"' in wrong_code.content.decode()
    assert without_tokens(wrong_code, number) == without_tokens(no_case, unknown)


def test_blank_fields_are_named(client, running):
    response = client.post(track_url(running), {"number": "", "code": ""})

    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_number_error"' in body and 'id="id_code_error"' in body


def test_tracking_is_rate_limited_even_for_the_right_code(client, submitted, running, settings):
    settings.IPWEEK_TRACK_RATE = 2
    right = {"number": submitted.case.number, "code": submitted.access_code}
    client.post(track_url(running), {"number": "x", "code": "y"})
    client.post(track_url(running), right)

    refused = client.post(track_url(running), right)

    assert refused.status_code == 429
    assert 'data-status="received"' not in refused.content.decode()
    assert refused["Retry-After"] == str(settings.IPWEEK_RATE_WINDOW)


def test_html_in_the_facts_comes_back_escaped(client, submitted, running):
    response = client.post(track_url(running), {"number": submitted.case.number, "code": submitted.access_code})

    body = response.content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert" in body


def test_progress_shows_public_steps_and_never_personal_or_internal_data(client, submitted, running, caseworker):
    case = submitted.case
    apply_step(case=case, step_name="request_material", actor=caseworker, note="请补充购买发票")
    CaseEvent.objects.create(case=case, actor=caseworker, action="note", note="内部备注：疑似职业打假")
    Case.objects.filter(pk=case.pk).update(handler=caseworker)
    Transfer.objects.create(case=case, body_kind=Transfer.Body.MARKET_REGULATION, body_name="示例市第三市场监管所")

    response = client.post(track_url(running), {"number": case.number, "code": submitted.access_code})

    body = response.content.decode()
    assert 'data-status="more_material"' in body
    assert 'data-action="request_material"' in body and "请补充购买发票" in body
    assert 'data-action="note"' not in body and "内部备注" not in body
    for secret in ("张三丰", "13812341234", "人民路", "钱办案员", "caseworker_qian", "示例市第三市场监管所"):
        assert secret not in body


def test_a_decided_case_shows_its_outcome_and_no_due_date(client, submitted, running, caseworker):
    case = submitted.case
    apply_step(case=case, step_name="refuse", actor=caseworker, note="不属于本局管辖")
    apply_step(case=case, step_name="close", actor=caseworker)

    response = client.post(track_url(running), {"number": case.number, "code": submitted.access_code})

    body = response.content.decode()
    assert 'data-status="closed"' in body
    assert 'data-outcome="refused"' in body
    assert "不属于本局管辖" in body
    assert 'data-action="close"' in body
