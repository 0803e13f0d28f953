"""A platform's determination request: checked, numbered and committed with its case, repeat-safe by key."""

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.casework import deadlines, numbering
from ipweek.casework.models import Case, EcommerceRequest, Platform
from ipweek.casework.models.cases import IpType
from ipweek.casework.patent_wording import describe_problem
from ipweek.casework.services import intake
from ipweek.core.audit import record_audit
from ipweek.patents.numbers import NumberKind, check_number

# The platform's field names for the case fields they fill (errors from intake come back under these).
_CASE_FIELDS = {
    "respondent_name": "shop_name",
    "subject": "shop_name",
    "respondent_url": "listing_url",
    "right_number": "patent_number",
    "complainant_name": "contact_name",
    "complainant_phone": "contact_phone",
    "complainant_email": "contact_email",
}
_LIMITS = {"shop_name": 200, "listing_url": 500, "right_holder": 200, "contact_name": 100}
INPUT_FIELDS: tuple[str, ...] = (
    "shop_name",
    "listing_url",
    "patent_number",
    "right_holder",
    "contact_name",
    "contact_phone",
)
INPUT_FIELDS += ("contact_email", "facts", "request")


@dataclass(frozen=True)
class SubmitResult:
    request: EcommerceRequest
    created: bool


def platform_of(user: User) -> Platform | None:
    """The platform a user acts for (its ``user``), if any."""
    if not user.is_authenticated:
        return None
    return Platform.objects.select_related("office").filter(user=user).first()


def platform_key(platform: Platform, key: str) -> str:
    """Each platform has its own key space: the same key from two platforms must not meet on one case."""
    digest = hashlib.sha256(f"{platform.pk}:{key.strip()}".encode()).hexdigest()[:40]
    return f"ecommerce-{platform.pk}-{digest}"


def clean_request_data(data: dict[str, Any], evidence: Sequence[UploadedFile] = ()) -> tuple[dict[str, Any], dict]:
    """(request fields, case data); one ValidationError naming every wrong field, the evidence included."""
    text = {name: str(data.get(name) or "").strip() for name in INPUT_FIELDS}
    errors: dict[str, list[str]] = {}
    for name in ("shop_name", "listing_url", "patent_number", "right_holder", "facts"):
        if not text[name]:
            errors.setdefault(name, []).append(_("This field is required."))
    for name, limit in _LIMITS.items():
        if len(text[name]) > limit:
            errors.setdefault(name, []).append(_("At most %(limit)d characters.") % {"limit": limit})
    patent, ip_type = "", IpType.OTHER.value
    if text["patent_number"]:
        try:
            patent, ip_type = check_patent_number(text["patent_number"])
        except ValidationError as error:
            errors.setdefault("patent_number", []).extend(error.messages)
    if text["listing_url"] and "listing_url" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(text["listing_url"])
        except ValidationError:
            errors["listing_url"] = [_("Enter a web address starting with http:// or https://.")]
    if not (text["contact_phone"] or text["contact_email"]):
        errors.setdefault("contact_phone", []).append(
            _("Give a phone number or an e-mail address, so that the right holder can be told of the opinion.")
        )
    case_data = _case_data(text, patent, ip_type)
    try:
        intake.clean_case_data(Case.Kind.ECOMMERCE, case_data)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            name = _CASE_FIELDS.get(field, field)
            if name not in errors:
                errors[name] = messages
    try:
        intake.check_evidence(evidence)
    except ValidationError as error:
        errors.setdefault("evidence", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    fields = {name: text[name] for name in ("shop_name", "listing_url", "right_holder")}
    return {**fields, "patent_number": patent}, case_data


def check_patent_number(value: str) -> tuple[str, str]:
    """(``ZL`` + digits + ``.`` + check character, IP type), or a ValidationError saying which part is wrong.

    The check is ``ipweek.patents.numbers``'; an application publication or other document number is
    refused: the office compares a listing with a granted patent, named by its patent number.
    """
    checked = check_number(value, this_year=timezone.localdate().year)
    if checked.errors:
        raise ValidationError([describe_problem(problem) for problem in checked.errors])
    if checked.kind == NumberKind.DOCUMENT or checked.patent_type is None:
        raise ValidationError(_("Give the patent number (ZL and the application number), not a publication number."))
    digits, _dot, check = checked.normalised.removeprefix("ZL").removeprefix("CN").partition(".")
    return f"ZL{digits}.{check}", checked.patent_type.value


def _case_data(text: dict[str, str], patent: str, ip_type: str) -> dict[str, Any]:
    return {
        "subject": f"{text['shop_name']} · {patent or text['patent_number']}"[:200],
        "ip_type": ip_type,
        "complainant_kind": Case.ComplainantKind.ORGANISATION,
        "complainant_name": text["contact_name"] or text["right_holder"][:100],
        "complainant_phone": text["contact_phone"],
        "complainant_email": text["contact_email"],
        "respondent_name": text["shop_name"],
        "respondent_url": text["listing_url"],
        "right_number": patent or text["patent_number"][:64],
        "facts": text["facts"],
        "request": text["request"],
    }


def submit_request(
    *,
    platform: Platform,
    actor: User,
    data: dict[str, Any],
    evidence: Sequence[UploadedFile] = (),
    idempotency_key: str | None = None,
    received_at: dt.datetime | None = None,
) -> SubmitResult:
    """Open an e-commerce case for ``platform``, due 2 working days after receipt; repeat-safe by key."""
    if platform.user_id is None or actor.pk != platform.user_id:
        raise PermissionDenied(_("Only the platform's own account may send its requests."))
    key = platform_key(platform, idempotency_key or numbering.new_idempotency_key())
    stored = numbering.stored_key(Case.Channel.PLATFORM, platform.office_id, key)
    existing = EcommerceRequest.objects.select_related("case", "platform").filter(case__idempotency_key=stored).first()
    if existing is not None:
        return SubmitResult(existing, created=False)
    fields, case_data = clean_request_data(data, evidence)
    with transaction.atomic():
        result = intake.submit_case(
            office=platform.office,
            kind=Case.Kind.ECOMMERCE,
            channel=Case.Channel.PLATFORM,
            data=case_data,
            idempotency_key=key,
            actor=actor,
            evidence=evidence,
            received_at=received_at,
        )
        if not result.created:  # the same key won a race a moment ago
            return SubmitResult(EcommerceRequest.objects.get(case=result.case), created=False)
        received = timezone.localdate(result.case.received_at)
        request = EcommerceRequest.objects.create(
            case=result.case, platform=platform, opinion_due=deadlines.due("ecommerce.opinion", received), **fields
        )
        record_audit(
            actor=actor, action="ecommerce.submitted", obj=request, number=result.case.number, platform_id=platform.pk
        )
    return SubmitResult(request, created=True)
