"""What every router shares: the one error shape and small value types with their limits."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

# Primary keys and other integers end up in 32-bit columns; larger values would overflow the database.
MAX_INT = 2_147_483_647


def examples(*values: dict[str, Any]) -> ConfigDict:
    """``model_config = examples({...})``: the examples shown in the OpenAPI document."""
    return ConfigDict(json_schema_extra={"examples": list(values)})


class ErrorDetail(Schema):
    code: str = Field(
        description="Stable, machine-readable: invalid, malformed_body, not_authenticated, "
        "permission_denied, csrf_failed, not_found."
    )
    message: str = Field(description="A sentence for people, in the request's language (Chinese by default).")
    fields: dict[str, str] = Field(
        default_factory=dict, description="Input field → what is wrong with it; `__all__` for the request as a whole."
    )


class ApiError(Schema):
    """The body of every error response, whatever the status code."""

    error: ErrorDetail

    model_config = examples(
        {"error": {"code": "invalid", "message": "提交的数据有误。", "fields": {"end_date": "结束日期早于开始日期。"}}},
        {"error": {"code": "not_found", "message": "找不到该对象，或您无权查看。", "fields": {}}},
    )


def errors(*codes: int) -> dict[int, type[ApiError]]:
    """``response={200: X, **errors(401, 404, 422)}``: declare each error status an operation can return."""
    return dict.fromkeys(codes, ApiError)


def _without_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text; say so here instead of failing on save.
    if "\x00" in value:
        raise ValueError(_("Must not contain NUL characters."))
    return value


def _not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(_("Cannot be blank."))
    return value


def _naive_clock(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError(_("Give a local time (HH:MM) without a time zone."))
    return value.replace(second=0, microsecond=0)


# Give plain text its length where it is used: ``title: PlainText = Field(max_length=200)``.
PlainText = Annotated[str, AfterValidator(_without_nul)]
RequiredText = Annotated[str, AfterValidator(_without_nul), AfterValidator(_not_blank)]
# A search term; the limit comes before the validator so pydantic reports it as text that is too long.
SearchText = Annotated[str, StringConstraints(max_length=64), AfterValidator(_without_nul)]
# Rich text is bounded by settings.IPWEEK_RICH_TEXT_MAX_CHARS in the service, which names the field.
RichText = Annotated[str, AfterValidator(_without_nul)]
Id = Annotated[int, Field(ge=1, le=MAX_INT)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Clock = Annotated[dt.time, AfterValidator(_naive_clock)]
Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]


def inline_enum(choices: type[TextChoices], description: str = "") -> WithJsonSchema:
    """``Annotated[Campaign.Status, inline_enum(Campaign.Status)]``: list a model's choices in place.

    Several models call their choices ``Status``, ``Kind`` or ``Level``; as shared OpenAPI components
    they would overwrite each other, so each field spells its own values out.
    """
    schema: dict[str, Any] = {"type": "string", "enum": list(choices.values)}
    if description:
        schema["description"] = description
    return WithJsonSchema(schema)


def clock(value: dt.time | None) -> str | None:
    """Times go out as HH:MM."""
    return value.strftime("%H:%M") if value else None


def input_config(*values: dict[str, Any]) -> ConfigDict:
    """Request bodies refuse unknown fields, so a misspelt field is a 422 and not silently ignored."""
    return ConfigDict(extra="forbid", json_schema_extra={"examples": list(values)})


def patch_field(**kwargs: Any) -> Any:
    """A field of a PATCH body that may be left out (and then stays as it is) but not sent as null.

    Pydantic does not validate defaults, so the ``None`` here only marks "not sent"; an explicit
    ``null`` still has to pass the field's type.
    """
    return Field(None, **kwargs)


def patch_config(*values: dict[str, Any]) -> ConfigDict:
    """A PATCH body: every field optional, none has a default (a field left out stays as it is)."""

    def describe(schema: dict[str, Any]) -> None:
        schema.pop("required", None)
        for field in schema.get("properties", {}).values():
            field.pop("default", None)
        schema["examples"] = list(values)

    return ConfigDict(extra="forbid", json_schema_extra=describe)
