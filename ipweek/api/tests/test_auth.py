import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django.utils.crypto import get_random_string

from ipweek.accounts.models import ApiToken
from ipweek.accounts.services import create_api_token
from ipweek.api.tests.helpers import api_url, bearer, campaign_url, error_of, send
from ipweek.campaigns.models import PlanSection


@pytest.mark.parametrize("path", ["/campaigns", "/campaigns/1", "/campaigns/1/activities", "/units", "/regions"])
def test_anonymous_read_is_refused_with_401(client, campaign, path):
    response = client.get(api_url(path))

    error = error_of(response, 401)
    assert error["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_anonymous_write_is_refused_with_401_even_when_csrf_is_enforced(campaign):
    csrf_client = Client(enforce_csrf_checks=True)

    response = send(csrf_client, "post", campaign_url(campaign, "/sections"), {"heading": "指导思想"})

    assert error_of(response, 401)["code"] == "not_authenticated"
    assert PlanSection.objects.count() == 0


def test_token_authenticates_a_request(client, campaign, admin_zhang):
    headers = bearer(admin_zhang)

    response = client.get(api_url("/campaigns"), **headers)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [campaign.pk]


@pytest.mark.parametrize(
    "header",
    ["Bearer ipw_not-a-real-token", "Bearer something-else", "Bearer ", "Bearer ipw_" + "x" * 500],
)
def test_wrong_token_is_refused_with_401(client, campaign, admin_zhang, header):
    create_api_token(user=admin_zhang, name="real")

    response = client.get(api_url("/campaigns"), HTTP_AUTHORIZATION=header)

    assert error_of(response, 401)["code"] == "not_authenticated"


def test_wrong_token_is_refused_even_with_a_signed_in_session(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = client.get(api_url("/campaigns"), HTTP_AUTHORIZATION="Bearer ipw_wrong")

    assert response.status_code == 401


def test_token_of_inactive_user_is_refused(client, campaign, admin_zhang):
    headers = bearer(admin_zhang)
    admin_zhang.is_active = False
    admin_zhang.save()

    response = client.get(api_url("/campaigns"), **headers)

    assert response.status_code == 401


def test_token_use_is_recorded_at_most_once_a_minute(client, campaign, admin_zhang):
    headers = bearer(admin_zhang)
    token = ApiToken.objects.get(user=admin_zhang)

    client.get(api_url("/campaigns"), **headers)
    token.refresh_from_db()
    first_use = token.last_used_at
    client.get(api_url("/campaigns"), **headers)
    token.refresh_from_db()
    second_use = token.last_used_at
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first_use - dt.timedelta(minutes=2))
    client.get(api_url("/campaigns"), **headers)
    token.refresh_from_db()

    assert first_use is not None and first_use <= timezone.now()
    assert second_use == first_use
    assert token.last_used_at > first_use - dt.timedelta(minutes=2)


def test_token_write_needs_no_csrf_token(campaign, admin_zhang):
    csrf_client = Client(enforce_csrf_checks=True)

    response = send(
        csrf_client, "post", campaign_url(campaign, "/sections"), {"heading": "指导思想"}, **bearer(admin_zhang)
    )

    assert response.status_code == 201
    assert PlanSection.objects.filter(campaign=campaign).count() == 1


def test_session_write_without_csrf_token_is_refused(campaign, admin_zhang):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(admin_zhang)

    response = send(csrf_client, "post", campaign_url(campaign, "/sections"), {"heading": "指导思想"})

    assert error_of(response, 403)["code"] == "csrf_failed"
    assert PlanSection.objects.count() == 0


def test_session_write_with_csrf_token_is_allowed(campaign, admin_zhang):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(admin_zhang)
    token = get_random_string(32)  # what a page would have set in the csrftoken cookie
    csrf_client.cookies[settings.CSRF_COOKIE_NAME] = token

    response = send(
        csrf_client, "post", campaign_url(campaign, "/sections"), {"heading": "指导思想"}, HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 201
    assert PlanSection.objects.filter(campaign=campaign).count() == 1


def test_session_read_needs_no_csrf_token(campaign, admin_zhang):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(admin_zhang)

    response = csrf_client.get(campaign_url(campaign))

    assert response.status_code == 200
