"""Who is calling: a bearer token (scripts, other systems) or the browser's session (our own pages).

A request that names a token is judged by that token alone, so a wrong token is refused even when
a session cookie rides along. Session callers must pass Django's CSRF check on unsafe methods.
"""

import datetime as dt
from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from ipweek.accounts.models import ApiToken, User
from ipweek.api.errors import ApiException

TOKEN_PREFIX = "ipw_"  # noqa: S105 — the public prefix of every token, not a secret
# Tokens are ``ipw_`` and 43 URL-safe characters; anything much longer is not one of ours.
MAX_TOKEN_LENGTH = 128
# Writing last_used_at on every request would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer ipw_…``, matched by the SHA-256 digest stored in :class:`ApiToken`."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        token = token.strip()
        if not token.startswith(TOKEN_PREFIX) or len(token) > MAX_TOKEN_LENGTH:
            raise AuthenticationError
        api_token = ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_of(token)).first()
        if api_token is None or not api_token.user.is_active:
            raise AuthenticationError
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser user; unsafe methods need a valid CSRF token (``X-CSRFToken`` header)."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # Anonymous callers get a 401, not a CSRF 403, so the check waits until we know who is calling.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise ApiException(
                403, "csrf_failed", _("CSRF check failed: send the page's CSRF token in the X-CSRFToken header.")
            )
        return cast(User, user)


api_auth = [ApiTokenAuth(), SessionAuth()]


def current_user(request: HttpRequest) -> User:
    """The caller, as found by :data:`api_auth`."""
    auth: Any = getattr(request, "auth", None)
    return cast(User, auth)
