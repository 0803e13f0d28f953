"""Inviting a unit's liaison into a campaign, and accepting the invitation.

An invitation carries a one-time code of eight characters from an alphabet without look-alikes
(no 0/O, 1/I). Only its SHA-256 digest is stored: the office sees the code once, and the
liaison receives it by e-mail or by phone. Accepting attaches a :class:`Membership`.
"""

import datetime as dt
import hashlib
import logging
import secrets
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.core.audit import record_audit
from ipweek.core.cn import cn_date
from ipweek.units.models import Invitation, Membership, Unit

if TYPE_CHECKING:  # units sits below campaigns: a type only, never a runtime import
    from ipweek.campaigns.models import Campaign

logger = logging.getLogger(__name__)

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, no 1/I
CODE_LENGTH = 8
INVITATION_LIFETIME = dt.timedelta(days=14)
MAX_FAILED_ATTEMPTS = 10
ATTEMPT_WINDOW_SECONDS = 10 * 60


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    REVOKED = "revoked"


def normalise_code(code: str) -> str:
    """Upper case, without the spaces or hyphens people type when reading a code aloud."""
    return "".join(code.split()).replace("-", "").upper()


def code_digest(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def invitation_status(invitation: Invitation, *, now: dt.datetime | None = None) -> InvitationStatus:
    if invitation.revoked_at is not None:
        return InvitationStatus.REVOKED
    if invitation.accepted_at is not None:
        return InvitationStatus.ACCEPTED
    if invitation.expires_at <= (now or timezone.now()):
        return InvitationStatus.EXPIRED
    return InvitationStatus.PENDING


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


@transaction.atomic
def invite_liaison(
    *, campaign: "Campaign", unit: Unit, email: str, actor: User, accept_url: str = ""
) -> tuple[Invitation, str]:
    """Invite ``unit``'s liaison into ``campaign``; returns the invitation and its code, shown once.

    With an e-mail address, a Chinese e-mail with the code and the link ``accept_url?code=…`` is
    sent once the transaction commits (a mail failure is logged; the office still has the code).
    Records an ``invitation.created`` audit event (without the code).
    """
    code = _new_code()
    while Invitation.objects.filter(code_digest=code_digest(code)).exists():  # pragma: no cover - 32⁸ codes
        code = _new_code()
    invitation = Invitation.objects.create(
        campaign=campaign,
        unit=unit,
        role=Membership.Role.UNIT_LIAISON,
        email=email.strip(),
        code_digest=code_digest(code),
        created_by=actor,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    record_audit(
        actor=actor,
        action="invitation.created",
        obj=invitation,
        campaign_id=campaign.pk,
        unit_id=unit.pk,
        email=invitation.email,
    )
    if invitation.email:
        link = f"{accept_url or reverse('units:accept')}?{urlencode({'code': code})}"
        transaction.on_commit(lambda: _send_invitation_email(invitation, campaign, code, link), robust=True)
    return invitation, code


def _send_invitation_email(invitation: Invitation, campaign: "Campaign", code: str, link: str) -> None:
    # The liaisons are Chinese offices: the e-mail is Chinese whatever language the sender uses.
    expires = timezone.localtime(invitation.expires_at)
    with translation.override("zh-hans"):
        subject = _("Invitation to the %(campaign)s") % {"campaign": campaign.title}
        body = _(
            "Hello,\n\n"
            "%(unit)s is invited to take part in the %(campaign)s as a member unit. "
            "To file and report your unit's activities, open the link below and accept the invitation:\n\n"
            "%(link)s\n\n"
            "Or open %(page)s and enter the invitation code: %(code)s\n\n"
            "The invitation expires on %(expires)s. If you did not expect it, ignore this e-mail.\n"
        ) % {
            "unit": invitation.unit.name,
            "campaign": campaign.title,
            "link": link,
            "page": link.split("?", 1)[0],
            "code": code,
            "expires": f"{cn_date(expires.date())} {expires:%H:%M}",
        }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    logger.info("invitation %s mailed", invitation.pk)


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, actor: User) -> Invitation:
    """Withdraw a pending invitation so its code no longer works; records ``invitation.revoked``."""
    status = invitation_status(invitation)
    if status == InvitationStatus.ACCEPTED:
        raise ValidationError(_("This invitation has already been accepted; remove the membership instead."))
    if status == InvitationStatus.REVOKED:
        raise ValidationError(_("This invitation has already been revoked."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record_audit(actor=actor, action="invitation.revoked", obj=invitation, campaign_id=invitation.campaign_id)
    return invitation


def _attempts_key(throttle_key: str) -> str:
    return f"units:invitation-attempts:{hashlib.sha256(throttle_key.encode()).hexdigest()}"


def is_throttled(throttle_key: str) -> bool:
    """True once a session has entered ten wrong codes within ten minutes."""
    return int(cache.get(_attempts_key(throttle_key), 0)) >= MAX_FAILED_ATTEMPTS


def _note_failed_attempt(throttle_key: str) -> None:
    key = _attempts_key(throttle_key)
    # A fixed window starting with the first failure; add() is atomic in every cache backend.
    if not cache.add(key, 1, ATTEMPT_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, ATTEMPT_WINDOW_SECONDS)


def _refuse(message: str, throttle_key: str) -> ValidationError:
    if throttle_key:
        _note_failed_attempt(throttle_key)
    return ValidationError({"code": message})


def find_open_invitation(*, code: str, throttle_key: str = "", lock: bool = False) -> Invitation:
    """The pending invitation for ``code`` (any case); ``ValidationError`` on ``code`` otherwise.

    Every refusal counts against ``throttle_key`` (the session), and a throttled key is refused
    before the code is even looked up.
    """
    if throttle_key and is_throttled(throttle_key):
        raise ValidationError({"code": _("Too many wrong codes. Try again in ten minutes.")})
    if len(normalise_code(code)) != CODE_LENGTH:
        raise _refuse(_("An invitation code has eight letters and digits."), throttle_key)
    invitations = Invitation.objects.select_related("campaign", "unit")
    if lock:
        invitations = invitations.select_for_update()
    invitation = invitations.filter(code_digest=code_digest(code)).first()
    if invitation is None:
        raise _refuse(_("This invitation code is not valid. Check it and try again."), throttle_key)
    status = invitation_status(invitation)
    if status == InvitationStatus.REVOKED:
        raise _refuse(_("This invitation has been revoked. Ask the campaign office for a new one."), throttle_key)
    if status == InvitationStatus.ACCEPTED:
        raise _refuse(_("This invitation has already been used."), throttle_key)
    if status == InvitationStatus.EXPIRED:
        raise _refuse(_("This invitation has expired. Ask the campaign office for a new one."), throttle_key)
    return invitation


@transaction.atomic
def accept_invitation(*, code: str, user: User, throttle_key: str = "") -> Membership:
    """Use the invitation ``code`` (any case): ``user`` becomes its unit's liaison in the campaign.

    Refuses revoked, expired, used and unknown codes with a ``ValidationError`` on ``code``;
    records ``invitation.accepted``.
    """
    invitation = find_open_invitation(code=code, throttle_key=throttle_key, lock=True)
    membership, _created = Membership.objects.get_or_create(
        user=user, campaign=invitation.campaign, unit=invitation.unit, role=invitation.role
    )
    if invitation.email and not user.email:
        # Reminders go to the liaison's own address; the invitation's is the best we know.
        user.email = invitation.email
        user.save(update_fields=["email"])
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    record_audit(
        actor=user,
        action="invitation.accepted",
        obj=invitation,
        campaign_id=invitation.campaign_id,
        membership_id=membership.pk,
        unit_id=invitation.unit_id,
    )
    return membership


@transaction.atomic
def create_account_and_accept(
    *, code: str, username: str, display_name: str, password: str, email: str = "", throttle_key: str = ""
) -> Membership:
    """Create an account for a new liaison and accept the invitation with it, or do neither."""
    find_open_invitation(code=code, throttle_key=throttle_key)
    user = User.objects.create_user(
        username=username, password=password, email=email.strip(), display_name=display_name.strip()
    )
    record_audit(actor=user, action="user.created", obj=user, via="invitation")
    return accept_invitation(code=code, user=user, throttle_key=throttle_key)
