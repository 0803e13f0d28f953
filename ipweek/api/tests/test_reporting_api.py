"""The reporting API as another system uses it: the whole loop with tokens, its OpenAPI, random bodies."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipweek.api.tests.helpers import api_url, bearer, campaign_url, send
from ipweek.api.urls import api
from ipweek.campaigns.models import Activity
from ipweek.reporting.api import FilingIn, ReportIn, ReportPatch, SubmitIn
from ipweek.reporting.api.schemas import FigureIn, FilingReviewIn, FilingVersionIn, ReviewIn, WithdrawIn
from ipweek.reporting.models import ActivityReport, Figure, Filing
from ipweek.reporting.rollup import rollup
from ipweek.reporting.tests.factories import image_bytes, upload

REPORTING_PATHS = ("/filing", "/reports", "/figures", "/rollup", "/submissions")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_unit_files_and_reports_from_its_own_system_and_the_office_reviews(
    client, campaign, coordinator_li, admin_zhang, activity_of_a
):
    unit, office = bearer(coordinator_li), bearer(admin_zhang)
    base = campaign_url(campaign)
    activity = f"{base}/activities/{activity_of_a.pk}"

    draft = client.get(f"{activity}/filing", **unit).json()
    filing = send(
        client,
        "put",
        f"{activity}/filing",
        {
            "host": draft["host"], "venue": "示例市民广场", "starts_at": "2027-04-21T09:30:00",
            "contact_name": "李明", "contact_phone": "13800138000", "version": draft["version"],
        },
        **unit,
    ).json()  # fmt: skip
    submitted = send(client, "post", f"{activity}/filing/submit", {"version": filing["version"]}, **unit)
    approved = send(client, "post", f"{activity}/filing/approve", {"comment": "同意"}, **office)

    created = send(
        client,
        "post",
        f"{activity}/reports",
        {"kind": "closing", "title": "宣讲总结", "figures": [{"metric": "participants", "value": 320}]},
        **unit,
    )
    report = f"{base}/reports/{created.json()['id']}"
    photo = client.post(f"{report}/photos", {"file": upload(image_bytes()), "caption": "现场"}, **unit)
    sent = client.generic("POST", f"{report}/submit", **unit)
    reviewed = client.generic("POST", f"{report}/approve", **office)
    published = client.generic("POST", f"{report}/publish", **office)
    figures = client.get(f"{base}/rollup", **office).json()

    assert (submitted.json()["status"], approved.json()["status"]) == ("submitted", "approved")
    assert Filing.objects.get().status == Filing.Status.APPROVED
    assert (created.status_code, photo.status_code, sent.status_code, reviewed.status_code) == (201, 201, 200, 200)
    assert published.json()["status"] == "published"
    assert len(published.json()["photos"]) == 1
    assert figures["totals"] == {"participants": "320.00"}
    assert rollup(campaign).total(Figure.Metric.PARTICIPANTS) == 320  # the pages' rollup says the same


def test_a_token_of_another_units_liaison_finds_nothing(client, campaign, outsider_wang, activity_of_a):
    response = client.get(campaign_url(campaign, f"/activities/{activity_of_a.pk}/filing"), **bearer(outsider_wang))

    assert response.status_code == 404


def test_a_wrong_token_is_401_even_with_a_session(client, campaign, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = client.get(campaign_url(campaign, "/reports"), HTTP_AUTHORIZATION="Bearer ipw_not-a-real-token-at-all")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


# ---- OpenAPI


@pytest.fixture
def openapi(client, db):
    return json.loads(client.get(api_url("/openapi.json")).content)


def reporting_operations(openapi):
    for path, methods in openapi["paths"].items():
        if any(part in path for part in REPORTING_PATHS):
            for method, operation in methods.items():
                yield path, method, operation


def test_every_reporting_operation_is_tagged_and_declares_its_errors(openapi):
    operations = list(reporting_operations(openapi))

    assert len(operations) == 19
    for path, method, operation in operations:
        statuses = set(operation["responses"])
        assert operation["tags"] == ["reporting"], path
        assert {"401", "404", "422"} <= statuses, (path, method)
        assert statuses & {"200", "201"}, (path, method)
        if method != "get":
            assert "403" in statuses, (path, method)


def test_every_operation_taking_a_version_declares_409(openapi):
    with_version = []
    for path, method, operation in reporting_operations(openapi):
        schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
        ref = schema.get("$ref") or schema.get("allOf", [{}])[0].get("$ref")
        if ref and "version" in openapi["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"]:
            with_version.append((path, method))
            assert "409" in operation["responses"], (path, method)

    assert len(with_version) == 5  # filing put, submit, approve, return; report patch


def test_the_photo_upload_is_described_as_multipart(openapi):
    body = openapi["paths"]["/api/v1/campaigns/{campaign_id}/reports/{report_id}/photos"]["post"]["requestBody"]
    schema = body["content"]["multipart/form-data"]["schema"]

    assert schema["properties"]["file"]["format"] == "binary"
    assert "caption" in schema["properties"]
    assert schema["required"] == ["file"]
    assert schema["examples"]


@pytest.mark.parametrize(
    "schema", [FilingIn, FilingVersionIn, FilingReviewIn, ReportIn, ReportPatch, ReviewIn, SubmitIn, WithdrawIn]
)
def test_the_documented_examples_are_valid_input(openapi, schema):
    for example in openapi["components"]["schemas"][schema.__name__]["examples"]:
        schema.model_validate(example)


def test_the_patch_schema_requires_only_the_version(openapi):
    assert openapi["components"]["schemas"]["ReportPatch"]["required"] == ["version"]


def test_the_report_schemas_list_their_own_choices(openapi):
    schemas = openapi["components"]["schemas"]

    assert schemas["ReportOut"]["properties"]["status"]["enum"] == list(ActivityReport.Status.values)
    assert schemas["FilingOut"]["properties"]["status"]["enum"] == list(Filing.Status.values)
    assert schemas["FigureIn"]["properties"]["metric"]["enum"] == list(Figure.Metric.values)


# ---- random bodies: never a 500, only declared statuses

CREATE = api.get_openapi_schema()["paths"]["/api/v1/campaigns/{campaign_id}/activities/{activity_id}/reports"]
DECLARED = {int(status) for status in CREATE["post"]["responses"]}
FIGURE_FIELDS = list(FigureIn.model_fields)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["participants", "other", "1e20", "-1", "0.001", "NaN", "1,000", "人次", "\x00"]),
)
figures = st.lists(
    st.dictionaries(st.sampled_from(FIGURE_FIELDS) | st.text(max_size=6), scalars, max_size=5), max_size=4
)
bodies = st.fixed_dictionaries(
    {"kind": st.sampled_from(["closing", "news", "memo"]), "title": st.text(max_size=8) | st.just("总结")},
    optional={"figures": figures | scalars, "body": scalars},
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_report_create_answers_random_bodies_with_a_declared_status(client, coordinator_li, activity_of_a, body):
    ActivityReport.objects.all().delete()
    Activity.objects.filter(pk=activity_of_a.pk).update(status=Activity.Status.CONFIRMED)
    client.force_login(coordinator_li)

    response = client.post(
        campaign_url(activity_of_a.campaign, f"/activities/{activity_of_a.pk}/reports"),
        json.dumps(body),
        content_type="application/json",
    )

    assert response.status_code in DECLARED
    if response.status_code != 201:
        assert set(response.json()) == {"error"}
