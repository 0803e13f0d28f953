"""One error shape for every failure: ``{"error": {"code": ..., "message": ..., "fields": {...}}}``.

The handlers turn what services, permissions and ninja raise into that shape, so endpoint code only
raises: ``ValidationError`` from a service (422), ``Http404`` (404), ``PermissionDenied`` (403).
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

NON_FIELD = "__all__"

# Pydantic's error types, said in the office's words. ``%(name)s`` comes from the error's context.
PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("There is no such field."),
    "string_type": gettext_lazy("Expected text."),
    "string_too_long": gettext_lazy("Too long: at most %(max_length)s characters."),
    "too_long": gettext_lazy("At most %(max_length)s items."),
    "int_type": gettext_lazy("Expected a whole number."),
    "int_parsing": gettext_lazy("Expected a whole number."),
    "int_from_float": gettext_lazy("Expected a whole number."),
    "greater_than_equal": gettext_lazy("Must be at least %(ge)s."),
    "greater_than": gettext_lazy("Must be greater than %(gt)s."),
    "less_than_equal": gettext_lazy("Must be at most %(le)s."),
    "less_than": gettext_lazy("Must be less than %(lt)s."),
    "bool_type": gettext_lazy("Expected true or false."),
    "bool_parsing": gettext_lazy("Expected true or false."),
    "date_type": gettext_lazy("Expected a date as YYYY-MM-DD."),
    "date_parsing": gettext_lazy("Expected a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Expected a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": gettext_lazy("Expected a date as YYYY-MM-DD."),
    "time_type": gettext_lazy("Expected a time as HH:MM."),
    "time_parsing": gettext_lazy("Expected a time as HH:MM."),
    "decimal_type": gettext_lazy("Expected a number."),
    "decimal_parsing": gettext_lazy("Expected a number."),
    "finite_number": gettext_lazy("Expected a finite number."),
    "decimal_max_digits": gettext_lazy("Too many digits: at most %(max_digits)s."),
    "decimal_max_places": gettext_lazy("At most %(decimal_places)s decimal places."),
    "decimal_whole_digits": gettext_lazy("At most %(whole_digits)s digits before the decimal point."),
    "enum": gettext_lazy("Not one of the choices: %(expected)s."),
    "literal_error": gettext_lazy("Not one of the choices: %(expected)s."),
    "list_type": gettext_lazy("Expected a list."),
    "dict_type": gettext_lazy("Expected a JSON object."),
    "model_type": gettext_lazy("Expected a JSON object."),
    "model_attributes_type": gettext_lazy("Expected a JSON object."),
}


class ApiException(Exception):
    """An error that already knows its status and code (CSRF failure, for one)."""

    def __init__(self, status: int, code: str, message: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, dict(fields or {})


def error_body(code: str, message: str, fields: Mapping[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": str(message), "fields": {k: str(v) for k, v in (fields or {}).items()}}}


@contextmanager
def renamed_fields(names: Mapping[str, str]) -> Iterator[None]:
    """Re-raise a service's ``ValidationError`` under the API's field names (``lead_units`` → ``lead_unit_ids``)."""
    try:
        yield
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise DjangoValidationError(
            {names.get(field, field): messages for field, messages in error.message_dict.items()}
        ) from error


def django_error_fields(error: DjangoValidationError) -> dict[str, str]:
    if hasattr(error, "error_dict"):
        return {field: "；".join(messages) for field, messages in error.message_dict.items()}
    return {NON_FIELD: "；".join(error.messages)}


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    # ninja prefixes the source ("body", "query", "path"); a body also carries its parameter's name.
    parts = list(loc[2:] if loc and loc[0] == "body" else loc[1:])
    names = [str(part) for part in parts if not isinstance(part, int)]
    return ".".join(names) or NON_FIELD


def _pydantic_message(error: Mapping[str, Any]) -> str:
    context = dict(error.get("ctx") or {})
    if error.get("type") == "value_error" and "error" in context:
        return str(context["error"])
    template = PYDANTIC_MESSAGES.get(str(error.get("type")))
    if template is None:
        return _("Invalid value.")
    try:
        return str(template) % context
    except (KeyError, TypeError, ValueError):
        return _("Invalid value.")


def ninja_error_fields(error: NinjaValidationError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in error.errors:
        fields.setdefault(_field_of(item.get("loc", ())), _pydantic_message(item))
    return fields


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default error bodies with the one shape."""

    def respond(
        request: HttpRequest, status: int, code: str, message: str, fields: Mapping[str, str] | None = None
    ) -> HttpResponse:
        return api.create_response(request, error_body(code, message, fields), status=status)

    @api.exception_handler(ApiException)
    def api_exception(request: HttpRequest, exc: ApiException) -> HttpResponse:
        return respond(request, exc.status, exc.code, exc.message, exc.fields)

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return respond(request, 422, "invalid", _("The submitted data is invalid."), django_error_fields(exc))

    @api.exception_handler(NinjaValidationError)
    def unparsable(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return respond(request, 422, "invalid", _("The submitted data is invalid."), ninja_error_fields(exc))

    @api.exception_handler(IntegrityError)
    def conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        # Services check every rule first; this only catches two requests racing for the same row.
        return respond(request, 422, "invalid", _("The data conflicts with an existing record; reload and try again."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, "not_found", _("Not found, or you may not see it."))

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
        return not_found(request, exc)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, "permission_denied", str(exc) or _("You may not do this."))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(
            request, 401, "not_authenticated", _("Sign in, or send a valid token in the Authorization header.")
        )
        response["WWW-Authenticate"] = 'Bearer realm="ipweek"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja raises HttpError(400) when the body is not JSON at all.
        if exc.status_code == 400:
            return respond(request, 400, "malformed_body", _("The request body is not valid JSON."))
        return respond(request, exc.status_code, "error", str(exc))
