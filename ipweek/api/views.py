"""Answers for paths under /api/v1/ that no endpoint serves, in the API's one error shape."""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from ipweek.api.errors import error_body


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    body = error_body("not_found", _("There is no such API endpoint."))
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
