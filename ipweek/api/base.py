"""The ``NinjaAPI`` instance behind ``/api/v1/``: authentication, rendering and the one error shape.

Routers are added in :mod:`ipweek.api.urls`, so this module imports no app's ``api.py``.
"""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from ipweek.api.auth import api_auth
from ipweek.api.errors import install_error_handlers


class ReadableJSONRenderer(JSONRenderer):
    # Chinese text stays readable in curl and logs instead of becoming \\uXXXX escapes.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="IPWeek API",
    version="1",
    description=(
        "知识产权宣传周工作平台 JSON API. Authenticate with `Authorization: Bearer ipw_…` "
        "(see `ipweek create_api_token`) or a signed-in browser session with `X-CSRFToken` on writes. "
        'Every error has the body `{"error": {"code", "message", "fields"}}`.'
    ),
    urls_namespace="api",
    # Ninja's interactive docs page loads Swagger UI from a CDN; offices run on closed networks.
    docs_url=None,
    auth=api_auth,
    renderer=ReadableJSONRenderer(),
)
install_error_handlers(api)
