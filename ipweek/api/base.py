"""The ``NinjaAPI`` instance behind ``/api/v1/``: authentication, rendering and the one error shape.

Routers are added in :mod:`ipweek.api.urls`, so this module imports no app's ``api.py``.
"""

import functools
from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from ipweek.api import views
from ipweek.api.auth import api_auth
from ipweek.api.errors import install_error_handlers


class ReadableJSONRenderer(JSONRenderer):
    # Chinese text stays readable in curl and logs instead of becoming \\uXXXX escapes.
    json_dumps_params = {"ensure_ascii": False}


def _reshaped(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    if isinstance(response, HttpResponseNotAllowed):
        return views.method_not_allowed(request, sorted(response["Allow"].split(", ")))
    return response


def with_error_shape(view: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap one of ninja's URL views so a wrong method (405) and the root's 404 get the one error shape.

    ``functools.wraps`` also carries ``csrf_exempt`` over: ninja checks CSRF itself, per authentication.
    """
    if iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            try:
                return _reshaped(request, await view(request, *args, **kwargs))
            except Http404:
                return views.not_found(request)

        return async_view

    @functools.wraps(view)
    def sync_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return _reshaped(request, view(request, *args, **kwargs))
        except Http404:  # ninja's root view (/api/v1/) raises it outside the exception handlers
            return views.not_found(request)

    return sync_view


class IPWeekAPI(NinjaAPI):
    """A ``NinjaAPI`` whose every answer has the one error shape, including those ninja gives outside its
    exception handlers: a method a path does not take (ninja's plain-text 405) and its root view (an HTML 404)."""

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = with_error_shape(pattern.callback)
        return patterns, app_name, namespace


api = IPWeekAPI(
    title="IPWeek API",
    version="1",
    description=(
        "知识产权宣传周工作平台 JSON API. Authenticate with `Authorization: Bearer ipw_…` "
        "(see `ipweek create_api_token`) or a signed-in browser session with `X-CSRFToken` on writes. "
        'Every error has the body `{"error": {"code", "message", "fields"}}`; a method a path does not take '
        "answers 405 with an `Allow` header."
    ),
    urls_namespace="api",
    # Ninja's interactive docs page loads Swagger UI from a CDN; offices run on closed networks.
    docs_url=None,
    auth=api_auth,
    renderer=ReadableJSONRenderer(),
)
install_error_handlers(api)
