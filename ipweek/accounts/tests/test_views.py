import pytest
from django.urls import reverse

from ipweek.campaigns.tests.factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory(username="liu", password="correct-horse-42")


def test_login_with_the_right_password_opens_the_campaign_list(client, user):
    response = client.post(reverse("accounts:login"), {"username": "liu", "password": "correct-horse-42"})

    assert response.status_code == 302
    assert response.url == reverse("campaigns:list")


def test_login_with_a_wrong_password_is_refused_in_chinese(client, user):
    response = client.post(reverse("accounts:login"), {"username": "liu", "password": "wrong"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "请输入一个正确的" in response.text


def test_login_form_carries_a_csrf_token(client, db):
    response = client.get(reverse("accounts:login"))

    assert 'name="csrfmiddlewaretoken"' in response.text


def test_logout_by_post_ends_the_session(client, user):
    client.force_login(user)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_logout_by_get_is_refused(client, user):
    client.force_login(user)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert "_auth_user_id" in client.session


def test_password_change_works_for_the_signed_in_user(client, user):
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "correct-horse-42", "new_password1": "lotus-river-9081", "new_password2": "lotus-river-9081"},
    )

    user.refresh_from_db()
    assert response.status_code == 302
    assert user.check_password("lotus-river-9081")


def test_password_change_refuses_a_short_password(client, user):
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "correct-horse-42", "new_password1": "abc", "new_password2": "abc"},
    )

    user.refresh_from_db()
    assert response.status_code == 200
    assert user.check_password("correct-horse-42")


@pytest.mark.parametrize("name", ["accounts:password_change", "accounts:password_change_done"])
def test_password_pages_send_anonymous_visitors_to_login(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
