"""Small helpers the API tests share: URLs, JSON requests and the error shape."""

from typing import Any

from django.http import HttpResponse
from django.test import Client

from ipweek.accounts.models import User
from ipweek.accounts.services import create_api_token

API = "/api/v1"


def api_url(path: str) -> str:
    return f"{API}{path}"


def campaign_url(campaign: Any, suffix: str = "") -> str:
    return api_url(f"/campaigns/{campaign.pk}{suffix}")


def send(client: Client, method: str, url: str, body: Any = None, **extra: Any) -> HttpResponse:
    """A JSON request; ``body`` may be a dict, a list or an already-encoded string."""
    call = getattr(client, method.lower())
    if body is None:
        return call(url, **extra)
    return call(url, body, content_type="application/json", **extra)


def bearer(user: User, name: str = "test") -> dict[str, str]:
    _token, raw = create_api_token(user=user, name=name)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def error_of(response: HttpResponse, status: int) -> dict[str, Any]:
    """Assert the one error shape and the status; return the error object."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fields"], dict)
    assert all(isinstance(key, str) and isinstance(value, str) for key, value in error["fields"].items())
    return error
