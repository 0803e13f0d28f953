import pytest
from django.core.exceptions import ValidationError

from ipweek.api.errors import django_error_fields, renamed_fields
from ipweek.api.tests.helpers import api_url, campaign_url, error_of, send
from ipweek.campaigns.models import Activity


def test_error_shape_is_identical_across_statuses(client, campaign, admin_zhang, viewer_zhao):
    anonymous = client.get(campaign_url(campaign))
    client.force_login(viewer_zhao)
    forbidden = send(client, "patch", campaign_url(campaign), {"theme": "新主题"})
    missing = client.get(api_url("/campaigns/987654"))
    client.force_login(admin_zhang)
    invalid = send(client, "post", campaign_url(campaign, "/activities"), {"title": ""})
    malformed = send(client, "post", campaign_url(campaign, "/activities"), "{")

    errors = [
        error_of(anonymous, 401),
        error_of(forbidden, 403),
        error_of(missing, 404),
        error_of(invalid, 422),
        error_of(malformed, 400),
    ]

    assert [error["code"] for error in errors] == [
        "not_authenticated",
        "permission_denied",
        "not_found",
        "invalid",
        "malformed_body",
    ]
    assert [error["fields"] for error in errors[:3]] == [{}, {}, {}]
    assert Activity.objects.count() == 0


def test_error_messages_are_chinese_by_default(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = send(client, "post", campaign_url(campaign, "/activities"), {"start_date": "2027-04-21"})

    error = error_of(response, 422)
    assert error["message"] == "提交的数据有误。"
    assert error["fields"] == {"title": "此字段必填。"}


def test_error_for_an_unknown_field_names_it(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = send(client, "post", campaign_url(campaign, "/activities"), {"title": "活动", "lead_units": [1]})

    assert error_of(response, 422)["fields"] == {"lead_units": "没有这个字段。"}


def test_error_for_an_empty_body_names_the_required_fields(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = client.post(campaign_url(campaign, "/activities"), content_type="application/json")

    assert error_of(response, 422)["fields"] == {"title": "此字段必填。"}


def test_error_for_a_body_that_is_not_an_object_is_about_the_whole_request(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = client.post(campaign_url(campaign, "/activities"), "[1, 2]", content_type="application/json")

    assert set(error_of(response, 422)["fields"]) == {"__all__"}


def test_error_for_a_liaisons_refusal_says_why(client, campaign, coordinator_li, unit_b):
    client.force_login(coordinator_li)

    response = send(
        client, "post", campaign_url(campaign, "/activities"), {"title": "活动", "lead_unit_ids": [unit_b.pk]}
    )

    assert "牵头单位" in error_of(response, 403)["message"]


def test_renamed_fields_reports_service_errors_under_api_names():
    with pytest.raises(ValidationError) as caught, renamed_fields({"lead_units": "lead_unit_ids"}):
        raise ValidationError({"lead_units": "要有牵头单位。", "title": "要有标题。"})

    assert django_error_fields(caught.value) == {"lead_unit_ids": "要有牵头单位。", "title": "要有标题。"}


def test_django_error_without_fields_is_reported_for_the_whole_request():
    fields = django_error_fields(ValidationError(["一", "二"]))

    assert fields == {"__all__": "一；二"}


def test_error_messages_follow_the_request_language(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = send(
        client, "post", campaign_url(campaign, "/activities"), {"start_date": "2027-04-21"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    error = error_of(response, 422)
    assert error["message"] == "The submitted data is invalid."
    assert error["fields"] == {"title": "This field is required."}


def test_unknown_api_path_answers_in_the_error_shape(client, db):
    response = client.get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# --- a method a path does not take, and the API's root -------------------------------------------


@pytest.mark.parametrize(
    ("method", "suffix", "allowed"),
    [
        ("delete", "/units", "GET"),
        ("put", "/campaigns", "GET, POST"),
        ("get", "/campaigns/{campaign}/status", "POST"),
        ("delete", "/campaigns/{campaign}/reports/1", "GET, PATCH"),
        ("post", "/campaigns/{campaign}/rollup", "GET"),
    ],
)
def test_wrong_method_is_405_in_the_error_shape_with_allow(client, campaign, admin_zhang, method, suffix, allowed):
    client.force_login(admin_zhang)

    response = send(client, method, api_url(suffix.format(campaign=campaign.pk)), {})

    error = error_of(response, 405)
    assert error["code"] == "method_not_allowed"
    assert error["message"] == f"此接口不接受 {method.upper()} 请求，只接受 {allowed}。"
    assert error["fields"] == {}
    assert response["Allow"] == allowed


def test_wrong_method_is_405_before_authentication(client):
    response = client.delete(api_url("/campaigns"))

    assert error_of(response, 405)["code"] == "method_not_allowed"
    assert response["Allow"] == "GET, POST"


def test_right_method_on_the_same_path_still_answers(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = client.get(api_url("/units"))

    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/", "/no-such-endpoint"])
def test_api_root_and_unknown_paths_are_404_in_the_error_shape(client, db, path):
    response = client.get(api_url(path))

    assert error_of(response, 404)["code"] == "not_found"
