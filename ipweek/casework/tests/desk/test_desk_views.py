"""The desk's pages and its sync endpoint: allowed and refused paths, idempotency, CSRF, masking, receipts."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from ipweek.campaigns.tests.factories import ActivityFactory
from ipweek.casework.models import Case, DeskEntry, PersonalDataAccess
from ipweek.casework.numbering import code_matches
from ipweek.casework.services.desk import MAX_BATCH
from ipweek.casework.tests.desk.support import desk_url, entry
from ipweek.reporting.models import ActivityReport

REFUSED = ["outsider_wang", "admin_zhang", "viewer_zhao", "other_caseworker"]
CASE_FORM = {
    "kind": "complaint", "topic": "infringement", "ip_type": "utility_model",
    "subject": "广场日现场投诉：仿冒实用新型产品", "complainant_kind": "person",
    "complainant_name": "张三", "complainant_phone": "13812341234", "complainant_address": "示例市人民路1号",
    "is_real_name": "on", "respondent_name": "某某五金店", "respondent_address": "示例市建设路8号",
    "facts": "该店销售仿冒本人实用新型专利的产品。", "request": "请依法处理。",
    "idempotency_key": "desk-form-key-000001",
}  # fmt: skip


def sync(client, activity, entries, **extra):
    body = json.dumps({"entries": entries})
    return client.post(desk_url("desk_sync", activity), body, content_type="application/json", **extra)


# --- who gets in --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["desk", "desk_case", "desk_follow_up"])
def test_anonymous_visitors_are_sent_to_log_in(client, square, name):
    response = client.get(desk_url(name, square))

    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("persona", REFUSED)
@pytest.mark.parametrize("name", ["desk", "desk_case", "desk_follow_up"])
def test_people_without_a_unit_at_the_desk_get_404(client, request, square, persona, name):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(desk_url(name, square)).status_code == 404


@pytest.mark.parametrize("persona", ["caseworker", "coordinator_li"])
def test_people_at_the_desk_see_the_quick_form(client, request, square, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(desk_url("desk", square))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="desk-form"' in html and 'id="desk-pending"' in html
    assert html.count('name="topic"') == len(DeskEntry.Topic.choices)
    assert reverse("casework:desk_sync", args=[square.pk]) in html


def test_the_desk_remembers_the_last_ip_type(client, square, caseworker):
    client.force_login(caseworker)
    sync(client, square, [entry(ip_type="trademark")])

    html = client.get(desk_url("desk", square)).content.decode()

    assert re.search(r'value="trademark"[^>]* checked', html)
    assert not re.search(r'value="invention"[^>]* checked', html)


@pytest.mark.parametrize("count", [1, 4])
def test_the_desk_page_queries_do_not_grow(client, square, caseworker, count, django_assert_num_queries):
    client.force_login(caseworker)
    sync(client, square, [entry() for _n in range(count)])

    with django_assert_num_queries(13):
        client.get(desk_url("desk", square))


def test_the_follow_up_list_is_for_caseworkers_and_logged(client, square, caseworker, coordinator_li):
    client.force_login(coordinator_li)
    sync(client, square, [entry(contact="13912345678", outcome="follow_up")])
    assert client.get(desk_url("desk_follow_up", square)).status_code == 404
    client.force_login(caseworker)

    response = client.get(desk_url("desk_follow_up", square))

    assert response.status_code == 200 and "13912345678" in response.content.decode()
    assert PersonalDataAccess.objects.filter(user=caseworker, kind="view").count() == 1


@pytest.mark.parametrize("count", [1, 3])
def test_the_desk_list_queries_do_not_grow(client, campaign, centre, caseworker, count, django_assert_num_queries):
    for _n in range(count):
        ActivityFactory(campaign=campaign)
    client.force_login(caseworker)

    with django_assert_num_queries(8):
        response = client.get(reverse("casework:desk_list"))

    assert len(response.context["activities"]) == count


def test_the_desk_list_shows_the_desks_of_the_user(client, square, coordinator_li, outsider_wang):
    client.force_login(coordinator_li)
    assert desk_url("desk", square) in client.get(reverse("casework:desk_list")).content.decode()
    client.force_login(outsider_wang)

    assert client.get(reverse("casework:desk_list")).status_code == 404


# --- the quick form without JavaScript -----------------------------------------------------------


def test_the_form_without_javascript_records_once_even_when_posted_twice(client, square, coordinator_li, unit_a):
    client.force_login(coordinator_li)
    data = {"topic": "application", "ip_type": "invention", "outcome": "answered", "note": "", "contact": "",
            "unit": str(unit_a.pk), "key": "no-script-key-0001"}  # fmt: skip

    first = client.post(desk_url("desk", square), data)
    second = client.post(desk_url("desk", square), data)

    assert first.status_code == second.status_code == 302
    assert DeskEntry.objects.filter(activity=square, unit=unit_a).count() == 1


def test_the_form_without_javascript_names_a_missing_topic(client, square, caseworker):
    client.force_login(caseworker)

    response = client.post(desk_url("desk", square), {"ip_type": "invention", "outcome": "answered", "key": "k" * 20})

    assert response.status_code == 400 and response.context["form"].errors["topic"]
    assert not DeskEntry.objects.exists()


# --- syncing -------------------------------------------------------------------------------------


def test_a_batch_sent_twice_is_stored_once_with_the_same_ids(client, square, caseworker):
    client.force_login(caseworker)
    batch = [entry(), entry(topic="policy")]

    first = sync(client, square, batch).json()
    second = sync(client, square, batch).json()

    assert first["accepted"] == second["accepted"]
    assert {item["key"] for item in first["accepted"]} == {e["key"] for e in batch}
    assert DeskEntry.objects.filter(activity=square).count() == 2


def test_an_invalid_entry_is_reported_and_the_others_accepted(client, square, caseworker):
    client.force_login(caseworker)
    bad = entry(ip_type="nonsense")

    answer = sync(client, square, [entry(), bad]).json()

    assert len(answer["accepted"]) == 1
    assert [item["key"] for item in answer["failed"]] == [bad["key"]]
    assert answer["failed"][0]["fields"].keys() == {"ip_type"} and answer["failed"][0]["message"]


def test_a_batch_over_the_limit_is_refused_whole(client, square, caseworker):
    client.force_login(caseworker)

    response = sync(client, square, [entry() for _n in range(MAX_BATCH + 1)])

    assert response.status_code == 413 and response.json()["error"]["code"] == "too_many"
    assert not DeskEntry.objects.exists()


@pytest.mark.parametrize("body", ["not json", "[]", '{"entries": "x"}'])
def test_an_unreadable_batch_is_a_400(client, square, caseworker, body):
    client.force_login(caseworker)

    response = client.post(desk_url("desk_sync", square), body, content_type="application/json")

    assert response.status_code == 400 and response.json()["error"]["code"] == "bad_request"


def test_sync_refuses_anonymous_and_outsiders_in_json(client, square, outsider_wang):
    assert sync(client, square, [entry()]).status_code == 401
    client.force_login(outsider_wang)

    response = sync(client, square, [entry()])

    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert not DeskEntry.objects.exists()


def test_sync_needs_the_csrf_token(square, caseworker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)

    refused = sync(client, square, [entry()])
    client.get(desk_url("desk", square))
    accepted = sync(client, square, [entry()], HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)

    assert refused.status_code == 403 and accepted.status_code == 200
    assert DeskEntry.objects.count() == 1


def test_sync_only_accepts_post(client, square, caseworker):
    client.force_login(caseworker)

    assert client.get(desk_url("desk_sync", square)).status_code == 405


def test_synced_contacts_are_masked_on_the_desk(client, square, caseworker):
    client.force_login(caseworker)

    answer = sync(client, square, [entry(contact="13912345678"), entry(contact="沈女士")]).json()
    page = client.get(desk_url("desk", square)).content.decode()

    for html in (answer["summary_html"], page):
        assert "13912345678" not in html and "139****5678" in html
        assert "沈女士" not in html and "沈**" in html


def test_sync_says_when_the_report_no_longer_takes_figures(client, square, caseworker, centre):
    client.force_login(caseworker)
    assert sync(client, square, [entry()]).json()["figures_locked"] is False
    ActivityReport.objects.filter(activity=square, unit=centre).update(status=ActivityReport.Status.SUBMITTED)

    answer = sync(client, square, [entry()]).json()
    page = client.get(desk_url("desk", square)).content.decode()

    assert answer["figures_locked"] is True
    assert 'id="desk-figures-locked" class="notice">' in page


# --- a full case and its receipt ------------------------------------------------------------------


def test_a_full_case_from_the_desk_shows_a_receipt_with_code_and_qr(client, square, caseworker, centre):
    client.force_login(caseworker)

    response = client.post(desk_url("desk_case", square), CASE_FORM)

    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == desk_url("desk_receipt", square, case.number)
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    code = receipt.context["code"]
    assert code_matches(case, code) and code in html and case.number in html
    assert (
        "<svg" in html and f"/{square.campaign.year}/{square.campaign.region.slug}/track/?number={case.number}" in html
    )
    assert "13812341234" not in html and "张三" not in html
    assert (case.channel, case.activity, case.office) == ("desk", square, centre)
    assert DeskEntry.objects.get(case=case).outcome == "case_opened"


def test_a_full_case_posted_twice_is_one_case(client, square, caseworker):
    client.force_login(caseworker)

    client.post(desk_url("desk_case", square), CASE_FORM)
    client.post(desk_url("desk_case", square), CASE_FORM)

    assert Case.objects.count() == 1 and DeskEntry.objects.count() == 1


def test_a_full_case_with_missing_fields_keeps_what_was_typed(client, square, caseworker):
    client.force_login(caseworker)
    data = {**CASE_FORM, "complainant_phone": "", "respondent_name": ""}

    response = client.post(desk_url("desk_case", square), data)

    assert response.status_code == 400
    assert {"complainant_phone", "respondent_name"} <= set(response.context["form"].errors)
    assert "某某五金店" not in response.content.decode() and "示例市建设路8号" in response.content.decode()
    assert not Case.objects.exists()


def test_the_receipt_of_another_session_has_no_code(client, square, caseworker, coordinator_li):
    client.force_login(caseworker)
    client.post(desk_url("desk_case", square), CASE_FORM)
    case = Case.objects.get()
    other = Client()
    other.force_login(coordinator_li)

    response = other.get(desk_url("desk_receipt", square, case.number))

    assert response.status_code == 200 and response.context["code"] == ""


@pytest.mark.parametrize("persona", REFUSED)
def test_the_receipt_is_hidden_from_people_without_the_desk(client, request, square, caseworker, persona):
    client.force_login(caseworker)
    client.post(desk_url("desk_case", square), CASE_FORM)
    number = Case.objects.get().number
    client.force_login(request.getfixturevalue(persona))

    assert client.get(desk_url("desk_receipt", square, number)).status_code == 404


def test_the_service_worker_is_served_under_the_desk(client):
    response = client.get(reverse("casework:desk_service_worker"))

    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert reverse("casework:desk_service_worker").startswith("/casework/desk/")
