"""The e-commerce endpoints: tokens, idempotency, masking, the platform's steps, and the one error shape."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipweek.api.tests.helpers import api_url, bearer, error_of, send
from ipweek.casework import deadlines
from ipweek.casework.models import Case, EcommerceRequest
from ipweek.casework.services import ecommerce as services
from ipweek.casework.tests.ecommerce.support import DATA, PHONE, submit

REQUESTS = api_url("/casework/ecommerce/requests")


def one(number: str, step: str = "") -> str:
    return f"{REQUESTS}/{number}" + (f"/{step}" if step else "")


# --- sending ----------------------------------------------------------------------------------------


def test_sending_needs_a_token(client, platform):
    error = error_of(send(client, "post", REQUESTS, DATA), 401)

    assert error["code"] == "not_authenticated"
    assert not Case.objects.exists()


def test_a_platform_sends_a_request_with_its_token(client, platform_user, platform):
    response = send(client, "post", REQUESTS, DATA, **bearer(platform_user))

    body = response.json()
    assert response.status_code == 201
    assert body["number"].startswith("DS") and body["stage"] == "awaiting_opinion"
    assert body["patent_number"] == "ZL201310699744.2" and body["working_days_left"] == 2
    assert (body["contact_phone"], body["contact_name"]) == ("139****5678", "王**")
    assert PHONE not in response.content.decode()


def test_the_same_idempotency_key_answers_200_with_the_same_case(client, platform_user, platform):
    headers = {**bearer(platform_user), "HTTP_IDEMPOTENCY_KEY": "order-7781"}

    first = send(client, "post", REQUESTS, DATA, **headers)
    again = send(client, "post", REQUESTS, {**DATA, "shop_name": "改过的名字"}, **headers)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["number"] == again.json()["number"]
    assert EcommerceRequest.objects.count() == 1


@pytest.mark.parametrize("who", ["coordinator_li", "caseworker", "admin_zhang"])
def test_only_platforms_send_requests(client, request, who, platform):
    user = request.getfixturevalue(who)

    error = error_of(send(client, "post", REQUESTS, DATA, **bearer(user)), 403)

    assert error["code"] == "permission_denied"
    assert not Case.objects.exists()


def test_a_malformed_patent_number_is_explained(client, platform_user, platform):
    response = send(client, "post", REQUESTS, {**DATA, "patent_number": "ZL201340699744.2"}, **bearer(platform_user))

    error = error_of(response, 422)
    assert list(error["fields"]) == ["patent_number"]
    assert "4" in error["fields"]["patent_number"]


def test_missing_and_unknown_fields_are_named(client, platform_user, platform):
    body = {key: value for key, value in DATA.items() if key != "facts"} | {"colour": "red"}

    error = error_of(send(client, "post", REQUESTS, body, **bearer(platform_user)), 422)

    assert {"facts", "colour"} <= set(error["fields"])


def test_a_body_that_is_not_json_is_refused(client, platform_user, platform):
    error = error_of(send(client, "post", REQUESTS, "{not json", **bearer(platform_user)), 400)

    assert error["code"] == "malformed_body"


# --- reading ----------------------------------------------------------------------------------------


def test_a_platform_lists_only_its_own(client, platform_user, platform, other_platform):
    own, theirs = submit(platform), submit(other_platform)

    response = send(client, "get", REQUESTS, **bearer(platform_user))

    assert [row["number"] for row in response.json()] == [own.case.number]
    assert theirs.case.number not in response.content.decode()


def test_another_platforms_request_is_not_found(client, other_platform_user, other_platform, ecommerce_request):
    number = ecommerce_request.case.number

    error_of(send(client, "get", one(number), **bearer(other_platform_user)), 404)
    error_of(send(client, "post", one(number, "measure"), {"measure": "delete"}, **bearer(other_platform_user)), 404)
    assert EcommerceRequest.objects.get().measure == ""


@pytest.mark.parametrize("who", ["caseworker", "admin_zhang"])
def test_the_office_reads_masked(client, request, who, ecommerce_request):
    user = request.getfixturevalue(who)

    listed = send(client, "get", REQUESTS, **bearer(user))
    single = send(client, "get", one(ecommerce_request.case.number), **bearer(user))

    assert listed.status_code == single.status_code == 200
    assert single.json()["contact_phone"] == "139****5678"
    assert PHONE not in listed.content.decode() + single.content.decode()


def test_another_office_and_liaisons_cannot_read(client, other_caseworker, coordinator_li, ecommerce_request):
    number = ecommerce_request.case.number

    assert send(client, "get", REQUESTS, **bearer(other_caseworker)).json() == []
    error_of(send(client, "get", one(number), **bearer(other_caseworker)), 404)
    error_of(send(client, "get", REQUESTS, **bearer(coordinator_li)), 403)


# --- steps ------------------------------------------------------------------------------------------


def test_a_caseworker_issues_the_opinion_and_a_platform_cannot(client, caseworker, platform_user, ecommerce_request):
    number = ecommerce_request.case.number
    body = {"opinion": "infringing", "reasons": "特征相同。"}

    error_of(send(client, "post", one(number, "opinion"), body, **bearer(platform_user)), 403)
    response = send(client, "post", one(number, "opinion"), body, **bearer(caseworker))

    assert response.status_code == 200
    assert (response.json()["opinion"], response.json()["status"]) == ("infringing", "decided")


def test_the_platform_records_measure_declaration_and_complaint(client, platform_user, caseworker, ecommerce_request):
    number = ecommerce_request.case.number
    token = bearer(platform_user)

    measure = send(client, "post", one(number, "measure"), {"measure": "block", "version": 1}, **token)
    declared = send(client, "post", one(number, "counter-notice"), {}, **token)
    complained = client.generic("POST", one(number, "complaint-or-suit"), **token)
    kept = send(client, "post", one(number, "final"), {"final": "kept"}, **token)

    assert measure.status_code == declared.status_code == complained.status_code == kept.status_code == 200
    today = timezone.localdate()
    # 15 days, moved to the next working day when the 15th is a weekend or holiday
    assert declared.json()["window_ends"] == deadlines.due("ecommerce.window", today).isoformat()
    assert complained.json()["stage"] == "complaint_or_suit"
    assert kept.json()["final"] == "kept"


def test_restore_in_the_window_is_refused_with_the_reason(client, platform_user, measured):
    number = measured.case.number
    token = bearer(platform_user)
    send(client, "post", one(number, "counter-notice"), {"received_on": timezone.localdate().isoformat()}, **token)

    error = error_of(send(client, "post", one(number, "final"), {"final": "restored"}, **token), 422)

    assert "final" in error["fields"]
    assert EcommerceRequest.objects.get().final == ""


def test_a_declaration_dated_in_the_future_names_the_field(client, platform_user, measured):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()

    response = send(
        client, "post", one(measured.case.number, "counter-notice"), {"received_on": tomorrow}, **bearer(platform_user)
    )

    assert "received_on" in error_of(response, 422)["fields"]


def test_a_stale_version_is_a_conflict(client, platform_user, ecommerce_request):
    number = ecommerce_request.case.number
    services.record_measure(request=ecommerce_request, actor=platform_user, measure="none")

    response = send(client, "post", one(number, "final"), {"final": "kept", "version": 1}, **bearer(platform_user))

    assert error_of(response, 409)["code"] == "stale_version"


def test_a_step_out_of_order_is_explained(client, platform_user, ecommerce_request):
    response = client.generic("POST", one(ecommerce_request.case.number, "complaint-or-suit"), **bearer(platform_user))

    error = error_of(response, 422)
    assert error["fields"]["__all__"]


def test_the_office_cannot_take_the_platforms_steps(client, caseworker, ecommerce_request):
    number = ecommerce_request.case.number

    response = send(client, "post", one(number, "measure"), {"measure": "delete"}, **bearer(caseworker))

    error_of(response, 403)
    assert EcommerceRequest.objects.get().measure == ""


def test_the_openapi_document_lists_the_endpoints_with_examples(client, db):
    document = json.loads(client.get(api_url("/openapi.json")).content)

    paths = {path for path in document["paths"] if "/casework/ecommerce/" in path}
    assert paths == {
        "/api/v1/casework/ecommerce/requests",
        "/api/v1/casework/ecommerce/requests/{number}",
        *{f"/api/v1/casework/ecommerce/requests/{{number}}/{step}" for step in ("opinion", "measure")},
        *{f"/api/v1/casework/ecommerce/requests/{{number}}/{step}" for step in ("counter-notice", "complaint-or-suit")},
        "/api/v1/casework/ecommerce/requests/{number}/final",
    }
    create = document["paths"]["/api/v1/casework/ecommerce/requests"]["post"]
    assert {"200", "201", "401", "403", "422"} <= set(create["responses"])
    assert any(parameter["name"] == "Idempotency-Key" for parameter in create["parameters"])
    for name in ("RequestIn", "RequestOut", "MeasureIn", "FinalIn", "OpinionIn", "CounterNoticeIn", "VersionIn"):
        assert document["components"]["schemas"][name]["examples"]


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=30),
    st.sampled_from(["ZL201310699744.2", "\x00", "http://x"]),
)
bodies = st.dictionaries(st.sampled_from([*DATA, "version"]) | st.text(max_size=8), scalars, max_size=9)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies.map(lambda body: {**DATA, **body}) | bodies)
def test_random_bodies_get_a_declared_answer_and_never_a_500(client, platform_user, platform, body):
    response = send(client, "post", REQUESTS, body, **bearer(platform_user))

    assert response.status_code in {200, 201, 400, 422}
    if response.status_code >= 400:
        assert set(response.json()) == {"error"}
