"""Shared personas, matching the roles in DESIGN.md §2.

- ``admin_zhang``: office staff of the city campaign's IP office
- ``coordinator_li``: liaison of member unit A
- ``outsider_wang``: liaison of member unit B
- ``viewer_zhao``: the province office, reading the city campaign as a higher-office viewer
- ``client``: an anonymous visitor (pytest-django's own fixture)
"""

import pytest

from ipweek.campaigns.models import Campaign
from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    ActivityUnitFactory,
    CampaignFactory,
    MembershipFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
)
from ipweek.units.models import Membership, Region, Unit


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Personas get hashed passwords; the production hasher is deliberately slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Each test starts with an empty cache and reads public-page stamps on every request."""
    from django.core.cache import cache

    settings.IPWEEK_PORTAL_STAMP_SECONDS = 0
    cache.clear()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path_factory):
    """Evidence files of casework go to a temporary folder, never into var/."""
    settings.IPWEEK_PRIVATE_ROOT = tmp_path_factory.mktemp("private")


@pytest.fixture
def region(db):
    return RegionFactory(code="990400", name="示例市", slug="shili", level=Region.Level.CITY)


@pytest.fixture
def campaign(region):
    office = UnitFactory(name="示例市知识产权局", region=region, kind=Unit.Kind.IP_OFFICE)
    return CampaignFactory(region=region, organiser=office)


@pytest.fixture
def unit_a(campaign):
    return UnitFactory(name="示例市市场监督管理局", region=campaign.region)


@pytest.fixture
def unit_b(campaign):
    return UnitFactory(name="示例市教育局", region=campaign.region, kind=Unit.Kind.MEMBER)


@pytest.fixture
def admin_zhang(campaign):
    user = UserFactory(username="zhang", display_name="张主任")
    MembershipFactory(user=user, campaign=campaign, unit=campaign.organiser, role=Membership.Role.OFFICE_STAFF)
    return user


@pytest.fixture
def coordinator_li(campaign, unit_a):
    user = UserFactory(username="li", display_name="李联络员")
    MembershipFactory(user=user, campaign=campaign, unit=unit_a, role=Membership.Role.UNIT_LIAISON)
    return user


@pytest.fixture
def outsider_wang(campaign, unit_b):
    user = UserFactory(username="wang", display_name="王联络员")
    MembershipFactory(user=user, campaign=campaign, unit=unit_b, role=Membership.Role.UNIT_LIAISON)
    return user


@pytest.fixture
def viewer_zhao(campaign):
    province = RegionFactory(code="990000", name="示例省", slug="shili-sheng", level=Region.Level.PROVINCE)
    office = UnitFactory(name="示例省知识产权局", region=province, kind=Unit.Kind.IP_OFFICE)
    user = UserFactory(username="zhao", display_name="赵处长")
    MembershipFactory(user=user, campaign=campaign, unit=office, role=Membership.Role.HIGHER_OFFICE_VIEWER)
    return user


@pytest.fixture
def activity_of_a(campaign, unit_a):
    activity = ActivityFactory(campaign=campaign, title="知识产权进企业宣讲")
    ActivityUnitFactory(activity=activity, unit=unit_a)
    return activity


@pytest.fixture
def activity_of_b(campaign, unit_b):
    activity = ActivityFactory(campaign=campaign, title="知识产权进校园")
    ActivityUnitFactory(activity=activity, unit=unit_b)
    return activity


@pytest.fixture
def province(campaign):
    """The province campaign above the persona city, with an office of its own."""
    region = RegionFactory(code="990050", name="上级省", slug="shangji-sheng", level=Region.Level.PROVINCE)
    office = UnitFactory(name="上级省知识产权局", region=region, kind=Unit.Kind.IP_OFFICE)
    parent = CampaignFactory(region=region, organiser=office, level=Campaign.Level.PROVINCE)
    campaign.parent = parent
    campaign.save()
    return parent


@pytest.fixture
def province_office(province):
    """Office staff of the province campaign: reads the city below as the higher office."""
    user = UserFactory(username="sun", display_name="孙处长")
    MembershipFactory(user=user, campaign=province, unit=province.organiser, role=Membership.Role.OFFICE_STAFF)
    return user


@pytest.fixture
def county(campaign):
    """A county campaign under the persona city."""
    region = RegionFactory(code="990401", name="示例县", slug="shili-xian", level=Region.Level.COUNTY)
    return CampaignFactory(region=region, parent=campaign, level=Campaign.Level.COUNTY)
