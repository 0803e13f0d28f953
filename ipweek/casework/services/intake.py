"""Taking in a case: check it, number it, commit it with its evidence, all or nothing.

Every way in (the public form, the desk, the hotline form, a platform's API call) goes through
:func:`submit_case`. A case number exists only once the case is committed; an intake repeated with
the same idempotency key returns the case the first one created, with the same access code.
"""

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, Campaign
from ipweek.casework import deadlines, numbering
from ipweek.casework.models import Case, CaseEvent, Evidence, IntakeRoute
from ipweek.core.audit import record_audit
from ipweek.core.storage import private_root
from ipweek.core.uploads import check_upload
from ipweek.units.models import Membership, Unit

EVIDENCE_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_FILES = 10

TEXT_FIELDS = (
    "subject",
    "complainant_name",
    "complainant_id_number",
    "complainant_phone",
    "complainant_email",
    "complainant_address",
    "respondent_name",
    "respondent_address",
    "respondent_url",
    "right_number",
    "facts",
    "request",
    "place_of_infringement",
)
FLAG_FIELDS = ("is_real_name", "litigation_pending", "consents_to_mediation")
CHOICE_FIELDS = {
    "ip_type": Case._meta.get_field("ip_type"),
    "complainant_kind": Case._meta.get_field("complainant_kind"),
}

# What each type of case needs (FACTS.md §3.2: 投诉 art. 9, 举报 clues, dispute-request conditions).
_CONTACT = ("complainant_name", "complainant_phone")
REQUIRED: dict[str, tuple[str, ...]] = {
    Case.Kind.CONSULTATION: ("subject",),
    Case.Kind.COMPLAINT: (
        "subject",
        *_CONTACT,
        "complainant_address",
        "respondent_name",
        "respondent_address",
        "facts",
        "request",
    ),
    Case.Kind.REPORT: ("subject", "respondent_name", "facts"),
    Case.Kind.ASSISTANCE: ("subject", *_CONTACT, "facts", "request"),
    Case.Kind.DISPUTE: (
        "subject",
        *_CONTACT,
        "complainant_address",
        "respondent_name",
        "respondent_address",
        "right_number",
        "facts",
        "request",
        "place_of_infringement",
    ),
    Case.Kind.ECOMMERCE: ("subject", "respondent_name", "respondent_url", "right_number", "facts"),
}


@dataclass(frozen=True)
class IntakeResult:
    case: Case
    access_code: str
    created: bool


def office_for_campaign(campaign: Campaign) -> Unit:
    """Where a campaign's public intake goes: its intake route, a caseworker's unit, or the organiser."""
    route = IntakeRoute.objects.filter(campaign=campaign).select_related("office__region").first()
    if route is not None:
        return route.office
    membership = (
        Membership.objects.filter(campaign=campaign, role=Membership.Role.CASEWORKER)
        .select_related("unit__region")
        .order_by("pk")
        .first()
    )
    return membership.unit if membership is not None else campaign.organiser


def clean_case_data(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """Strip and check the submitted fields; a ValidationError names every field that is wrong."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name in TEXT_FIELDS:
        value = str(data.get(name) or "").strip()
        limit = getattr(Case._meta.get_field(name), "max_length", None)
        if limit and len(value) > limit:
            errors.setdefault(name, []).append(_("At most %(limit)d characters.") % {"limit": limit})
        cleaned[name] = value
    for name in FLAG_FIELDS:
        cleaned[name] = _flag(data.get(name), default=name == "is_real_name")
    for name, field in CHOICE_FIELDS.items():
        value = str(data.get(name) or field.default or "")
        if value not in dict(field.choices or []):
            errors.setdefault(name, []).append(_("Choose one of the options."))
        cleaned[name] = value
    required = list(REQUIRED[kind])
    if kind == Case.Kind.REPORT and cleaned["is_real_name"]:
        required += list(_CONTACT)
    for name in required:
        if not cleaned.get(name):
            errors.setdefault(name, []).append(_("This field is required."))
    if len(cleaned["facts"]) > 20000 or len(cleaned["request"]) > 5000:
        errors.setdefault("facts", []).append(_("The text is too long."))
    if kind == Case.Kind.DISPUTE and cleaned["litigation_pending"]:
        errors.setdefault("litigation_pending", []).append(
            _("A dispute already before a court or an arbitrator cannot be handled by the office.")
        )
    _check_contacts(cleaned, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _flag(value: Any, *, default: bool) -> bool:
    if value is None or value == "":
        return default if value is None else False
    return str(value).lower() in {"1", "true", "on", "yes"}


def _check_contacts(cleaned: dict[str, Any], errors: dict[str, list[str]]) -> None:
    phone = cleaned["complainant_phone"]
    if phone and not (7 <= sum(c.isdigit() for c in phone) <= 15 and set(phone) <= set("0123456789+- ()")):
        errors.setdefault("complainant_phone", []).append(_("Enter a phone number (digits only)."))
    email = cleaned["complainant_email"]
    if email and ("@" not in email or " " in email):
        errors.setdefault("complainant_email", []).append(_("Enter a valid e-mail address."))
    url = cleaned["respondent_url"]
    if url and not url.startswith(("http://", "https://")):
        errors.setdefault("respondent_url", []).append(_("Enter a web address starting with http:// or https://."))


def check_evidence(files: Sequence[UploadedFile]) -> list[tuple[UploadedFile, str]]:
    """(file, content type) for each acceptable evidence file; a ValidationError on ``evidence`` otherwise."""
    if len(files) > MAX_EVIDENCE_FILES:
        raise ValidationError({"evidence": _("At most %(n)d files.") % {"n": MAX_EVIDENCE_FILES}})
    allowed = _("Evidence must be PDF, JPEG, PNG or Word (.docx) files.")
    checked = []
    for upload in files:
        _ext, content_type = check_upload(
            upload, allowed=EVIDENCE_TYPES, max_bytes=MAX_EVIDENCE_BYTES, field="evidence", allowed_text=allowed
        )
        checked.append((upload, content_type))
    return checked


def submit_case(
    *,
    office: Unit,
    kind: str,
    channel: str,
    data: dict[str, Any],
    idempotency_key: str | None = None,
    campaign: Campaign | None = None,
    activity: Activity | None = None,
    actor: User | None = None,
    evidence: Sequence[UploadedFile] = (),
    received_at: dt.datetime | None = None,
) -> IntakeResult:
    """Check, number and commit a case; repeat-safe with ``idempotency_key``."""
    if kind not in Case.Kind.values or channel not in Case.Channel.values:
        raise ValidationError({"kind": _("Choose one of the options.")})
    raw = (idempotency_key or "").strip()[:64] or numbering.new_idempotency_key()
    key = numbering.stored_key(channel, office.pk, raw)
    existing = Case.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return IntakeResult(existing, numbering.access_code_for(key), created=False)
    cleaned = clean_case_data(kind, data)
    checked = check_evidence(evidence)
    code = numbering.access_code_for(key)
    try:
        case = _commit(office, kind, channel, cleaned, key, code, campaign, activity, actor, checked, received_at)
    except IntegrityError:
        existing = Case.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return IntakeResult(existing, code, created=False)
    return IntakeResult(case, code, created=True)


def _commit(
    office: Unit,
    kind: str,
    channel: str,
    cleaned: dict[str, Any],
    key: str,
    code: str,
    campaign: Campaign | None,
    activity: Activity | None,
    actor: User | None,
    checked: list[tuple[UploadedFile, str]],
    received_at: dt.datetime | None,
) -> Case:
    received = received_at or timezone.now()
    rule = deadlines.acceptance_rule(kind, channel)
    stored: list[Path] = []
    try:
        with transaction.atomic():
            region = office.region
            case = Case(
                office=office,
                region=region,
                campaign=campaign,
                activity=activity,
                kind=kind,
                channel=channel,
                idempotency_key=key,
                access_code_digest=numbering.digest_code(code),
                received_at=received,
                due_date=rule.due(timezone.localdate(received)),
                due_rule=rule.key,
                created_by=actor if actor is not None and actor.is_authenticated else None,
                **cleaned,
            )
            case.number = numbering.placeholder_number()
            case.save()
            CaseEvent.objects.create(
                case=case,
                at=received,
                actor=case.created_by,
                action="received",
                to_status=case.status,
                due_date=case.due_date,
            )
            for upload, content_type in checked:
                stored.append(_store_evidence(case, upload, content_type))
            # Last: the counter row stays locked until commit (docs/decisions/0010).
            case.number = numbering.next_number(kind, timezone.localdate(received).year, region.code)
            Case.objects.filter(pk=case.pk).update(number=case.number)
            record_audit(
                actor=actor,
                action="case.received",
                obj=case,
                campaign_id=campaign.pk if campaign else None,
                number=case.number,
                kind=kind,
                channel=channel,
            )
    except BaseException:
        for path in stored:
            path.unlink(missing_ok=True)
        raise
    return case


def _store_evidence(case: Case, upload: UploadedFile, content_type: str) -> Path:
    digest = hashlib.sha256()
    relative = Path("evidence") / f"{case.received_at:%Y/%m}" / f"{case.pk}-{secrets.token_hex(8)}"
    target = private_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    Evidence.objects.create(
        case=case,
        path=str(relative),
        original_name=Path(upload.name or "evidence").name[:200],
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
    )
    return target
