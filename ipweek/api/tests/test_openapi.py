import json

import pytest

from ipweek.api.tests.helpers import api_url
from ipweek.campaigns.api import ActivityIn, CampaignIn, SectionIn
from ipweek.campaigns.models import Activity, Campaign

UNSAFE = {"post", "put", "patch", "delete"}
EXPECTED_PATHS = {
    "/api/v1/casework/cases": {"get"},
    "/api/v1/casework/cases/stats": {"get"},
    "/api/v1/casework/cases/{number}": {"get"},
    "/api/v1/casework/ecommerce/requests": {"get", "post"},
    "/api/v1/casework/ecommerce/requests/{number}": {"get"},
    "/api/v1/casework/ecommerce/requests/{number}/opinion": {"post"},
    "/api/v1/casework/ecommerce/requests/{number}/measure": {"post"},
    "/api/v1/casework/ecommerce/requests/{number}/counter-notice": {"post"},
    "/api/v1/casework/ecommerce/requests/{number}/complaint-or-suit": {"post"},
    "/api/v1/casework/ecommerce/requests/{number}/final": {"post"},
    "/api/v1/campaigns": {"get", "post"},
    "/api/v1/campaigns/{campaign_id}": {"get", "patch"},
    "/api/v1/campaigns/{campaign_id}/status": {"post"},
    "/api/v1/campaigns/{campaign_id}/export": {"get"},
    "/api/v1/campaigns/{campaign_id}/sections": {"get", "post"},
    "/api/v1/campaigns/{campaign_id}/sections/{section_id}": {"patch", "delete"},
    "/api/v1/campaigns/{campaign_id}/sections/{section_id}/move": {"post"},
    "/api/v1/campaigns/{campaign_id}/activities": {"get", "post"},
    "/api/v1/campaigns/{campaign_id}/activities/{activity_id}": {"get", "patch", "delete"},
    "/api/v1/campaigns/{campaign_id}/activities/{activity_id}/filing": {"get", "put"},
    "/api/v1/campaigns/{campaign_id}/activities/{activity_id}/filing/submit": {"post"},
    "/api/v1/campaigns/{campaign_id}/activities/{activity_id}/filing/approve": {"post"},
    "/api/v1/campaigns/{campaign_id}/activities/{activity_id}/filing/return": {"post"},
    "/api/v1/campaigns/{campaign_id}/activities/{activity_id}/reports": {"post"},
    "/api/v1/campaigns/{campaign_id}/reports": {"get"},
    "/api/v1/campaigns/{campaign_id}/reports/{report_id}": {"get", "patch"},
    "/api/v1/campaigns/{campaign_id}/reports/{report_id}/submit": {"post"},
    "/api/v1/campaigns/{campaign_id}/reports/{report_id}/approve": {"post"},
    "/api/v1/campaigns/{campaign_id}/reports/{report_id}/return": {"post"},
    "/api/v1/campaigns/{campaign_id}/reports/{report_id}/publish": {"post"},
    "/api/v1/campaigns/{campaign_id}/reports/{report_id}/photos": {"post"},
    "/api/v1/campaigns/{campaign_id}/figures/{figure_id}/confirm": {"post"},
    "/api/v1/campaigns/{campaign_id}/rollup": {"get"},
    "/api/v1/campaigns/{campaign_id}/submissions": {"get", "post"},
    "/api/v1/campaigns/{campaign_id}/submissions/{submission_id}/withdraw": {"post"},
    "/api/v1/units": {"get"},
    "/api/v1/units/{unit_id}": {"get"},
    "/api/v1/regions": {"get"},
}


@pytest.fixture
def openapi(client, db):
    response = client.get(api_url("/openapi.json"))
    assert response.status_code == 200
    return json.loads(response.content)


def operations(openapi):
    for path, methods in openapi["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def resolve(openapi, schema):
    if "$ref" in schema:
        return openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if schema.get("type") == "array":
        return resolve(openapi, schema["items"])
    if len(schema.get("allOf", [])) == 1:  # a body that may be left out: {"allOf": [{"$ref": ...}], "default": ...}
        return resolve(openapi, schema["allOf"][0])
    return schema


def test_openapi_is_served_with_every_path(openapi):
    served = {path: set(methods) for path, methods in openapi["paths"].items()}

    assert openapi["openapi"].startswith("3.")
    assert served == EXPECTED_PATHS


def test_openapi_declares_401_for_every_operation(openapi):
    missing = [(path, method) for path, method, operation in operations(openapi) if "401" not in operation["responses"]]

    assert missing == []


def test_openapi_declares_400_and_422_where_an_operation_takes_a_body(openapi):
    missing = [
        (path, method)
        for path, method, operation in operations(openapi)
        if "requestBody" in operation and not {"400", "422"} <= set(operation["responses"])
    ]

    assert missing == []


def test_openapi_declares_404_and_422_where_a_path_names_an_object(openapi):
    missing = [
        (path, method)
        for path, method, operation in operations(openapi)
        if "{" in path and not {"404", "422"} <= set(operation["responses"])
    ]

    assert missing == []


def test_openapi_declares_403_for_every_write(openapi):
    missing = [
        (path, method)
        for path, method, operation in operations(openapi)
        if method in UNSAFE and "403" not in operation["responses"]
    ]

    assert missing == []


def test_openapi_errors_all_use_the_one_error_schema(openapi):
    refs = {
        response["content"]["application/json"]["schema"]["$ref"]
        for _path, _method, operation in operations(openapi)
        for status, response in operation["responses"].items()
        if status.startswith(("4", "5"))
    }

    assert refs == {"#/components/schemas/ApiError"}
    assert openapi["components"]["schemas"]["ApiError"]["examples"]


def test_openapi_has_an_example_for_every_request_and_response_body(openapi):
    without = []
    for path, method, operation in operations(openapi):
        bodies = []
        for media_type, content in operation.get("requestBody", {}).get("content", {}).items():
            bodies.append((f"request {media_type}", content["schema"]))
        for status, response in operation["responses"].items():
            for media_type, content in response.get("content", {}).items():
                if content.get("example") or content.get("schema", {}).get("format") == "binary":
                    continue
                bodies.append((f"{status} {media_type}", content["schema"]))
        for label, schema in bodies:
            if not resolve(openapi, schema).get("examples"):
                without.append((path, method, label))

    assert without == []


def test_openapi_export_declares_the_file_types(openapi):
    content = openapi["paths"]["/api/v1/campaigns/{campaign_id}/export"]["get"]["responses"]["200"]["content"]

    assert set(content) == {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/pdf",
        "text/markdown",
    }


def test_openapi_examples_are_valid_input(openapi):
    # The documented bodies must be accepted as they stand (apart from the ids they refer to).
    for schema in (CampaignIn, ActivityIn, SectionIn):
        for example in openapi["components"]["schemas"][schema.__name__]["examples"]:
            schema.model_validate(example)


def test_openapi_lists_each_models_own_choices(openapi):
    schemas = openapi["components"]["schemas"]

    assert schemas["CampaignOut"]["properties"]["status"]["enum"] == list(Campaign.Status.values)
    assert schemas["ActivityOut"]["properties"]["status"]["enum"] == list(Activity.Status.values)
    assert schemas["CampaignOut"]["properties"]["level"]["enum"] == list(Campaign.Level.values)


def test_openapi_documents_both_ways_to_authenticate(openapi):
    schemes = openapi["components"]["securitySchemes"]

    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}
    assert any(scheme.get("scheme") == "bearer" for scheme in schemes.values())
