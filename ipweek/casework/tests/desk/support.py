"""Fixtures of the desk tests (no tests here): a square day, its intake office and the people at it.

- ``centre``: the campaign's intake office (protection centre), lead unit of the square day
- ``caseworker``: a caseworker of the centre — records for the centre
- ``coordinator_li`` (root persona): liaison of unit A, which supports the square day — records for unit A
- ``outsider_wang``, ``admin_zhang``, ``viewer_zhao``: their units do not take part — no desk
"""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from ipweek.campaigns.models import Activity, ActivityUnit
from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    ActivityUnitFactory,
    CampaignFactory,
    MembershipFactory,
    UnitFactory,
    UserFactory,
)
from ipweek.casework.models import IntakeRoute
from ipweek.units.models import Membership


@pytest.fixture
def centre(campaign):
    office = UnitFactory(name="示例市知识产权保护中心", region=campaign.region)
    IntakeRoute.objects.create(campaign=campaign, office=office)
    return office


@pytest.fixture
def square(campaign, centre, unit_a):
    activity = ActivityFactory(
        campaign=campaign, title="知识产权宣传服务广场日暨咨询台", category=Activity.Category.SQUARE_DAY,
        venue="示例市中心广场", status=Activity.Status.CONFIRMED,
    )  # fmt: skip
    ActivityUnitFactory(activity=activity, unit=centre, role=ActivityUnit.Role.LEAD)
    ActivityUnitFactory(activity=activity, unit=unit_a, role=ActivityUnit.Role.SUPPORTING, position=1)
    return activity


@pytest.fixture
def caseworker(campaign, centre):
    user = UserFactory(username="wu", display_name="吴专员")
    MembershipFactory(user=user, campaign=campaign, unit=centre, role=Membership.Role.CASEWORKER)
    return user


@pytest.fixture
def other_caseworker(db):
    """A caseworker of another city's office, in another campaign."""
    other = CampaignFactory()
    user = UserFactory(username="qian", display_name="钱专员")
    MembershipFactory(user=user, campaign=other, unit=UnitFactory(region=other.region), role=Membership.Role.CASEWORKER)
    return user


def entry(**overrides):
    """One entry as the browser sends it."""
    data = {
        "key": str(uuid.uuid4()),
        "topic": "infringement",
        "ip_type": "utility_model",
        "outcome": "answered",
        "note": "同行仿制产品",
        "contact": "",
        "recorded_at": (timezone.now() - dt.timedelta(minutes=5)).isoformat(),
    }
    data.update(overrides)
    return data


def desk_url(name, activity, *extra):
    return reverse(f"casework:{name}", args=[activity.pk, *extra])
