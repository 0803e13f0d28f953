"""The read-only cases API: masked always, 404 for what the caller may not see, statistics like the page."""

import datetime as dt
import json

import pytest

from ipweek.api.tests.helpers import api_url, bearer, error_of
from ipweek.api.urls import api
from ipweek.casework.tests.stats.support import EMAIL, ID_NUMBER, NAME, PHONE, at, decide, make_case

CASES = api_url("/casework/cases")


@pytest.fixture(autouse=True)
def console_gateway(settings):
    settings.IPWEEK_SMS_BACKEND = "console"


def assert_masked(response):
    text = response.content.decode()
    for secret in (NAME, PHONE, ID_NUMBER, EMAIL, "0123456", "jiamei"):
        assert secret not in text


def test_list_is_masked_even_for_the_handler(client, handler, open_case, other_case):
    client.force_login(handler)

    response = client.get(CASES)

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 1 and [item["number"] for item in body["items"]] == [open_case.number]
    item = body["items"][0]
    assert (item["complainant_name"], item["complainant_phone"]) == ("张**", "138****1234")
    assert item["office"]["id"] == open_case.office_id
    assert_masked(response)


def test_list_works_with_a_bearer_token(client, admin_zhang, open_case):
    response = client.get(CASES, **bearer(admin_zhang))

    assert response.status_code == 200 and response.json()["count"] == 1
    assert_masked(response)


def test_list_filters_and_pages(client, handler, office):
    make_case(office, received=at(dt.date(2026, 4, 28)))
    make_case(office, received=at(dt.date(2026, 5, 7)))
    make_case(office, kind="consultation", received=at(dt.date(2026, 5, 8)))
    client.force_login(handler)

    complaints = client.get(CASES, {"kind": "complaint", "received_from": "2026-05-01", "received_to": "2026-05-31"})
    paged = client.get(CASES, {"limit": 1, "offset": 1})

    assert complaints.json()["count"] == 1
    assert paged.json()["count"] == 3 and len(paged.json()["items"]) == 1


@pytest.mark.parametrize(
    "query",
    [
        {"status": "lost"},
        {"limit": 0},
        {"received_from": "2026-13-01"},
        {"received_from": "2026-05-02", "received_to": "2026-05-01"},
    ],
)
def test_list_refuses_bad_filters_in_the_one_error_shape(client, handler, query):
    client.force_login(handler)

    error = error_of(client.get(CASES, query), 422)

    assert error["code"] == "invalid" and error["fields"]


def test_list_is_refused_to_anonymous_and_hidden_from_outsiders(client, outsider_wang, open_case):
    error_of(client.get(CASES), 401)
    client.force_login(outsider_wang)

    assert error_of(client.get(CASES), 404)["code"] == "not_found"


def test_list_of_another_office_does_not_show_this_offices_cases(client, other_handler, open_case, other_case):
    client.force_login(other_handler)

    numbers = [item["number"] for item in client.get(CASES).json()["items"]]

    assert numbers == [other_case.number]


@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_do_not_grow(client, handler, office, count, django_assert_num_queries):
    for _ in range(count):
        make_case(office)
    client.force_login(handler)

    with django_assert_num_queries(5):
        response = client.get(CASES)

    assert response.json()["count"] == count


def test_detail_is_masked_and_redacted(client, handler, open_case):
    client.force_login(handler)

    response = client.get(f"{CASES}/{open_case.number}")

    body = response.json()
    assert response.status_code == 200
    assert body["number"] == open_case.number and body["events"][0]["action"] == "received"
    assert "张某" in body["facts"] and body["right_number"] == "ZL2023 1 0******.5"
    assert_masked(response)


def test_detail_of_an_invisible_case_is_a_404_like_a_missing_one(client, other_handler, open_case):
    client.force_login(other_handler)

    hidden = error_of(client.get(f"{CASES}/{open_case.number}"), 404)
    missing = error_of(client.get(f"{CASES}/TS2026-000000-99999"), 404)

    assert hidden == missing


def test_detail_is_refused_to_anonymous(client, open_case):
    error_of(client.get(f"{CASES}/{open_case.number}"), 401)


@pytest.fixture
def decided_cases(office, handler):
    first = make_case(office, received=at(dt.date(2026, 4, 28)))
    decide(first, handler, decided=at(dt.date(2026, 5, 11)))
    make_case(office, kind="consultation", received=at(dt.date(2026, 5, 7)))


def test_stats_match_the_page(client, handler, decided_cases, campaign):
    client.force_login(handler)

    response = client.get(f"{CASES}/stats", {"date_from": "2026-04-20", "date_to": "2026-05-15"})

    body = response.json()
    assert response.status_code == 200
    assert body["total"] == 2 and body["period_start"] == "2026-04-20"
    assert {row["key"]: row["count"] for row in body["by_kind"]}["complaint"] == 1
    assert (body["decisions"]["decided"], body["decisions"]["median"], body["decisions"]["within_limit"]) == (1, 7.0, 1)
    assert NAME not in response.content.decode()


def test_stats_for_a_campaign_week_and_by_default(client, handler, campaign):
    client.force_login(handler)

    week = client.get(f"{CASES}/stats", {"campaign_id": campaign.pk}).json()
    default = client.get(f"{CASES}/stats")

    assert (week["period_start"], week["campaign_id"]) == (campaign.start_date.isoformat(), campaign.pk)
    assert default.status_code == 200


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"date_from": "2026-05-01"}, 422),
        ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, 422),
        ({"date_from": "1990-05-02", "date_to": "2026-05-01"}, 422),
        ({"campaign_id": 999999}, 404),
        ({"campaign_id": 0}, 422),
    ],
)
def test_stats_refuse_a_wrong_period(client, handler, query, status):
    client.force_login(handler)

    error_of(client.get(f"{CASES}/stats", query), status)


def test_stats_refuse_an_office_out_of_reach_and_outsiders(client, handler, other_office, outsider_wang):
    client.force_login(handler)
    error_of(client.get(f"{CASES}/stats", {"office_id": other_office.pk}), 404)
    client.force_login(outsider_wang)
    error_of(client.get(f"{CASES}/stats"), 404)
    client.logout()
    error_of(client.get(f"{CASES}/stats"), 401)


def test_openapi_documents_the_cases_endpoints_with_examples(client, db):
    openapi = json.loads(client.get(api_url("/openapi.json")).content)
    schemas = openapi["components"]["schemas"]

    for path in ("/api/v1/casework/cases", "/api/v1/casework/cases/stats", "/api/v1/casework/cases/{number}"):
        operation = openapi["paths"][path]["get"]
        assert {"200", "401", "404", "422"} <= set(operation["responses"])
    for name in ("CasePage", "CaseDetailOut", "StatsOut"):
        assert schemas[name]["examples"]


@pytest.mark.parametrize("name", ["CasePage", "CaseDetailOut", "StatsOut"])
def test_the_documented_examples_are_valid_output(name):
    from ipweek.casework.api import schemas_cases

    schema = getattr(schemas_cases, name)
    for example in api.get_openapi_schema()["components"]["schemas"][name]["examples"]:
        schema.model_validate(example)
