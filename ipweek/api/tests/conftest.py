import pytest

from ipweek.campaigns.tests.factories import UserFactory


@pytest.fixture
def stranger(db):
    """Signed in, but with no role in any campaign."""
    return UserFactory(username="stranger", display_name="路人")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)
