from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ipweek.accounts.models import ApiToken
from ipweek.api.tests.helpers import api_url


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_create_api_token_prints_a_token_that_works(client, campaign, admin_zhang):
    raw, note = run("zhang", "--name", "报表脚本")

    response = client.get(api_url("/campaigns"), HTTP_AUTHORIZATION=f"Bearer {raw}")

    token = ApiToken.objects.get(user=admin_zhang)
    assert raw.startswith("ipw_")
    assert token.name == "报表脚本"
    assert token.digest == ApiToken.digest_of(raw) != raw
    assert "cannot be shown again" in note
    assert response.status_code == 200


def test_create_api_token_for_an_unknown_user_fails(db):
    with pytest.raises(CommandError):
        run("nobody", "--name", "x")

    assert ApiToken.objects.count() == 0


def test_create_api_token_needs_a_name(admin_zhang):
    with pytest.raises(CommandError):
        run("zhang", "--name", "  ")

    assert ApiToken.objects.count() == 0
