"""Answers ninja gives outside its exception handlers, in the API's one error shape.

- a path under /api/v1/ that no endpoint serves (and /api/v1/ itself): 404;
- a method a path does not take (``DELETE /api/v1/units``): 405, with ``Allow`` naming the methods it takes.
"""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from ipweek.api.errors import error_body


def _error_response(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status, json_dumps_params={"ensure_ascii": False})


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    return _error_response("not_found", _("There is no such API endpoint."), 404)


def method_not_allowed(request: HttpRequest, allowed: list[str]) -> JsonResponse:
    methods = ", ".join(allowed)
    message = _("This endpoint does not take %(method)s requests; it takes %(allowed)s.") % {
        "method": request.method,
        "allowed": methods,
    }
    response = _error_response("method_not_allowed", message, 405)
    response["Allow"] = methods
    return response
