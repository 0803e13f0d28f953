import datetime as dt
import hashlib
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from ipweek.campaigns.tests.factories import UserFactory
from ipweek.core.models import AuditEvent
from ipweek.units.models import Invitation, Membership
from ipweek.units.services import (
    CODE_ALPHABET,
    MAX_FAILED_ATTEMPTS,
    InvitationStatus,
    accept_invitation,
    create_account_and_accept,
    invitation_status,
    invite_liaison,
    is_throttled,
    revoke_invitation,
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def invitation_and_code(campaign, unit_a, admin_zhang):
    return invite_liaison(campaign=campaign, unit=unit_a, email="", actor=admin_zhang)


def test_invite_liaison_returns_an_unambiguous_eight_character_code(invitation_and_code):
    _invitation, code = invitation_and_code

    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    assert set(code) <= set(CODE_ALPHABET)
    assert not set(code) & set("01OI")


def test_invite_liaison_stores_only_the_digest(invitation_and_code):
    invitation, code = invitation_and_code

    stored = Invitation.objects.values().get(pk=invitation.pk)
    assert stored["code_digest"] == hashlib.sha256(code.encode()).hexdigest()
    assert code not in str(stored)
    assert code not in str(list(AuditEvent.objects.values()))


def test_invite_liaison_expires_in_fourteen_days_and_records_it(invitation_and_code, unit_a):
    invitation, _code = invitation_and_code

    assert invitation.expires_at - timezone.now() > dt.timedelta(days=13, hours=23)
    assert invitation.role == Membership.Role.UNIT_LIAISON
    assert AuditEvent.objects.get(action="invitation.created").data["unit_id"] == unit_a.pk


def test_invite_liaison_mails_the_link_after_commit(campaign, unit_a, admin_zhang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, code = invite_liaison(
            campaign=campaign,
            unit=unit_a,
            email="li@example.cn",
            actor=admin_zhang,
            accept_url="https://ipweek.example.cn/invitations/accept/",
        )

    [message] = mail.outbox
    assert message.to == ["li@example.cn"]
    assert f"https://ipweek.example.cn/invitations/accept/?code={code}" in message.body
    assert campaign.title in message.subject


def test_invite_liaison_without_an_address_mails_nothing(
    campaign, unit_a, admin_zhang, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_liaison(campaign=campaign, unit=unit_a, email="", actor=admin_zhang)

    assert mail.outbox == []


def test_accept_invitation_makes_the_user_the_units_liaison(invitation_and_code, campaign, unit_a):
    invitation, code = invitation_and_code
    user = UserFactory(username="newcomer")

    membership = accept_invitation(code=code, user=user)

    invitation.refresh_from_db()
    assert (membership.user, membership.campaign, membership.unit, membership.role) == (
        user,
        campaign,
        unit_a,
        Membership.Role.UNIT_LIAISON,
    )
    assert invitation.accepted_by == user
    assert invitation_status(invitation) == InvitationStatus.ACCEPTED
    assert AuditEvent.objects.filter(action="invitation.accepted", actor=user).exists()


@pytest.mark.parametrize("typed", [str.lower, lambda code: f" {code[:4]}-{code[4:]} "])
def test_accept_invitation_ignores_case_and_separators(invitation_and_code, typed):
    _invitation, code = invitation_and_code

    membership = accept_invitation(code=typed(code), user=UserFactory(username="newcomer"))

    assert membership.pk


def test_accept_invitation_refuses_a_used_code(invitation_and_code):
    _invitation, code = invitation_and_code
    accept_invitation(code=code, user=UserFactory(username="first"))

    with pytest.raises(ValidationError) as refused:
        accept_invitation(code=code, user=UserFactory(username="second"))

    assert "code" in refused.value.message_dict
    assert Membership.objects.filter(user__username="second").count() == 0


def test_accept_invitation_refuses_an_expired_code(invitation_and_code):
    invitation, code = invitation_and_code
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    user = UserFactory(username="late")

    with pytest.raises(ValidationError) as refused:
        accept_invitation(code=code, user=user)

    assert "code" in refused.value.message_dict
    assert not Membership.objects.filter(user=user).exists()


def test_accept_invitation_refuses_a_revoked_code(invitation_and_code, admin_zhang):
    invitation, code = invitation_and_code
    revoke_invitation(invitation=invitation, actor=admin_zhang)
    user = UserFactory(username="late")

    with pytest.raises(ValidationError):
        accept_invitation(code=code, user=user)

    assert not Membership.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="invitation.revoked").exists()


def test_accept_invitation_refuses_an_unknown_code(db):
    with pytest.raises(ValidationError) as refused:
        accept_invitation(code="ABCDEFGH", user=UserFactory(username="guess"))

    assert "code" in refused.value.message_dict


def test_revoke_invitation_refuses_an_accepted_one(invitation_and_code, admin_zhang):
    invitation, code = invitation_and_code
    accept_invitation(code=code, user=UserFactory(username="first"))
    invitation.refresh_from_db()

    with pytest.raises(ValidationError):
        revoke_invitation(invitation=invitation, actor=admin_zhang)

    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_wrong_codes_are_throttled_after_ten_tries(invitation_and_code):
    _invitation, code = invitation_and_code
    user = UserFactory(username="guesser")
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(ValidationError):
            accept_invitation(code="ZZZZZZZZ", user=user, throttle_key="session:abc")

    with pytest.raises(ValidationError):
        accept_invitation(code=code, user=user, throttle_key="session:abc")

    assert is_throttled("session:abc")
    assert not is_throttled("session:other")
    assert not Membership.objects.filter(user=user).exists()
    assert accept_invitation(code=code, user=user, throttle_key="session:other").pk


def test_create_account_and_accept_creates_the_user_with_the_invitations_address(campaign, unit_a, admin_zhang):
    _invitation, code = invite_liaison(campaign=campaign, unit=unit_a, email="li@example.cn", actor=admin_zhang)

    membership = create_account_and_accept(
        code=code, username="newli", display_name="新联络员", password="long-enough-password-42"
    )

    user = membership.user
    assert (user.username, user.display_name, user.email) == ("newli", "新联络员", "li@example.cn")
    assert user.check_password("long-enough-password-42")


def test_create_account_and_accept_creates_no_account_for_a_bad_code(db):
    with pytest.raises(ValidationError):
        create_account_and_accept(code="ABCDEFGH", username="newli", display_name="新", password="long-password-42")

    assert not UserFactory._meta.model.objects.filter(username="newli").exists()
