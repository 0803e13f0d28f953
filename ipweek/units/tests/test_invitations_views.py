import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from ipweek.accounts.models import User
from ipweek.campaigns.tests.factories import UnitFactory, UserFactory
from ipweek.units.models import Invitation, Membership
from ipweek.units.services import MAX_FAILED_ATTEMPTS, invite_liaison

ACCEPT_URL = reverse("units:accept")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def invitations_url(campaign):
    return reverse("units:invitations", args=[campaign.pk])


def revoke_url(invitation):
    return reverse("units:invitation_revoke", args=[invitation.campaign_id, invitation.pk])


def signup(code, **overrides):
    return {
        "code": code, "username": "newli", "display_name": "新联络员", "email": "",
        "password1": "a-long-enough-password-42", "password2": "a-long-enough-password-42", **overrides,
    }  # fmt: skip


@pytest.fixture
def invitation_and_code(campaign, unit_a, admin_zhang):
    return invite_liaison(campaign=campaign, unit=unit_a, email="", actor=admin_zhang)


# --- the office's invitation page ----------------------------------------------------------------


def test_invitation_page_sends_anonymous_visitors_to_login(client, campaign):
    response = client.get(invitations_url(campaign))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_office_creates_an_invitation_and_sees_the_code_once(
    client, admin_zhang, campaign, unit_a, django_capture_on_commit_callbacks
):
    client.force_login(admin_zhang)

    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(invitations_url(campaign), {"unit": unit_a.pk, "email": "li@example.cn"})
    later = client.get(invitations_url(campaign))

    invitation, code = created.context["created"]
    assert created.status_code == 200
    assert code in created.text
    assert code not in later.text
    assert invitation.unit == unit_a
    assert f"http://testserver/invitations/accept/?code={code}" in mail.outbox[0].body
    assert "no-store" in created["Cache-Control"]


def test_invitation_page_lists_statuses(client, admin_zhang, campaign, invitation_and_code):
    client.force_login(admin_zhang)

    response = client.get(invitations_url(campaign))

    assert [row["status"] for row in response.context["rows"]] == ["pending"]


def test_invitation_form_refuses_a_unit_outside_the_campaign(client, admin_zhang, campaign):
    elsewhere = UnitFactory(name="别处单位")
    client.force_login(admin_zhang)

    response = client.post(invitations_url(campaign), {"unit": elsewhere.pk})

    assert response.status_code == 400
    assert "unit" in response.context["form"].errors
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator_li", "viewer_zhao"])
def test_invitations_are_for_the_office_only(client, campaign, unit_a, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(invitations_url(campaign), {"unit": unit_a.pk})

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_invitations_are_hidden_from_strangers(client, campaign):
    client.force_login(UserFactory(username="stranger"))

    response = client.get(invitations_url(campaign))

    assert response.status_code == 404


def test_office_revokes_an_invitation(client, admin_zhang, invitation_and_code):
    invitation, _code = invitation_and_code
    client.force_login(admin_zhang)

    response = client.post(revoke_url(invitation))

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert invitation.revoked_at is not None


@pytest.mark.parametrize("persona", ["coordinator_li", "viewer_zhao"])
def test_only_the_office_may_revoke(client, invitation_and_code, persona, request):
    invitation, _code = invitation_and_code
    client.force_login(request.getfixturevalue(persona))

    response = client.post(revoke_url(invitation))

    invitation.refresh_from_db()
    assert response.status_code == 403
    assert invitation.revoked_at is None


def test_revoke_sends_anonymous_visitors_to_login(client, invitation_and_code):
    invitation, _code = invitation_and_code

    response = client.post(revoke_url(invitation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_revoke_only_accepts_post(client, admin_zhang, invitation_and_code):
    invitation, _code = invitation_and_code
    client.force_login(admin_zhang)

    response = client.get(revoke_url(invitation))

    assert response.status_code == 405


# --- accepting -----------------------------------------------------------------------------------


def test_accept_page_prefills_the_code_from_the_link(client, invitation_and_code):
    _invitation, code = invitation_and_code

    response = client.get(ACCEPT_URL, {"code": code})

    assert response.status_code == 200
    assert response.context["code_form"].initial["code"] == code
    assert response.context["signup_form"] is not None


def test_anonymous_visitor_creates_an_account_and_becomes_liaison(client, invitation_and_code, campaign, unit_a):
    _invitation, code = invitation_and_code

    response = client.post(ACCEPT_URL, signup(code.lower()))

    user = User.objects.get(username="newli")
    assert response.status_code == 302
    assert response.url == reverse("campaigns:dashboard", args=[campaign.pk])
    assert Membership.objects.filter(user=user, unit=unit_a, role=Membership.Role.UNIT_LIAISON).exists()
    assert client.get(response.url).status_code == 200  # logged in and a member


def test_signup_enforces_the_password_validators(client, invitation_and_code):
    _invitation, code = invitation_and_code

    response = client.post(ACCEPT_URL, signup(code, password1="12345678", password2="12345678"))

    assert response.status_code == 400
    assert "password2" in response.context["signup_form"].errors
    assert not User.objects.filter(username="newli").exists()


def test_signup_refuses_mismatched_passwords(client, invitation_and_code):
    _invitation, code = invitation_and_code

    response = client.post(ACCEPT_URL, signup(code, password2="another-long-password-42"))

    assert response.status_code == 400
    assert not User.objects.filter(username="newli").exists()


def test_logged_in_user_accepts_into_their_own_account(client, outsider_wang, invitation_and_code, campaign, unit_a):
    _invitation, code = invitation_and_code
    client.force_login(outsider_wang)

    response = client.post(ACCEPT_URL, {"code": code})

    assert response.status_code == 302
    assert Membership.objects.filter(user=outsider_wang, unit=unit_a).exists()


def test_accept_refuses_a_used_code_and_creates_no_account(client, invitation_and_code, outsider_wang):
    _invitation, code = invitation_and_code
    client.force_login(outsider_wang)
    client.post(ACCEPT_URL, {"code": code})
    client.logout()

    response = client.post(ACCEPT_URL, signup(code))

    assert response.status_code == 400
    assert "code" in response.context["code_form"].errors
    assert not User.objects.filter(username="newli").exists()


def test_accept_throttles_wrong_codes_per_session(client, invitation_and_code):
    _invitation, code = invitation_and_code
    for _ in range(MAX_FAILED_ATTEMPTS):
        assert client.post(ACCEPT_URL, signup("ZZZZZZZZ")).status_code in {400, 429}

    response = client.post(ACCEPT_URL, signup(code))

    assert response.status_code == 429
    assert not User.objects.filter(username="newli").exists()
