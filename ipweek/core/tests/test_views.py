from django.urls import reverse


def test_large_type_toggles_for_the_session(client, db):
    client.post(reverse("core:large_type"), {"next": "/accounts/login/"})

    response = client.get(reverse("accounts:login"))

    assert 'class="large-type"' in response.text


def test_large_type_refuses_get_and_foreign_redirects(client, db):
    refused = client.get(reverse("core:large_type"))
    redirected = client.post(reverse("core:large_type"), {"next": "https://evil.example/"})

    assert refused.status_code == 405
    assert redirected.url == "/"


def test_large_type_needs_a_csrf_token(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("core:large_type"))

    assert response.status_code == 403


def test_healthz_answers_ok(client, db):
    response = client.get(reverse("healthz"))

    assert (response.status_code, response.content) == (200, b"ok")


def test_english_can_be_chosen(client, admin_zhang):
    client.force_login(admin_zhang)

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("campaigns:list"))

    assert "<h1>Campaigns</h1>" in response.text


def test_chinese_is_the_default(client, admin_zhang):
    client.force_login(admin_zhang)

    response = client.get(reverse("campaigns:list"))

    assert '<html lang="zh-Hans">' in response.text
    assert "宣传周" in response.text
