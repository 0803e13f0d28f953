"""Fixtures of the enforcement tests (no tests here): an office, its caseworker, an action and its readers.

- ``centre``: the campaign's intake office; the special action belongs to it
- ``caseworker``: a caseworker of the centre — records and changes
- ``admin_zhang`` (root persona): office staff of the campaign — reads, person in charge masked
- ``stranger_caseworker``: a caseworker of another office — gets 404 everywhere
- ``outsider_wang`` (root persona): a liaison — no casework at all, 404
"""

import datetime as dt

import pytest
from django.utils import timezone

from ipweek.campaigns.models import Activity, ActivityUnit
from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    ActivityUnitFactory,
    MembershipFactory,
    UnitFactory,
    UserFactory,
)
from ipweek.casework.models import IntakeRoute, SpecialAction
from ipweek.casework.services.enforcement import ItemInput, save_inspection
from ipweek.patents.numbers import check_character
from ipweek.units.models import Membership

OFFICERS = [{"name": "吴某", "certificate": "ZF-001"}, {"name": "郑某", "certificate": "ZF-002"}]
GOOD_DIGITS = "202129123456"
GOOD = f"ZL{GOOD_DIGITS}.{check_character(GOOD_DIGITS)}"


def wrong_check(digits: str) -> str:
    check = check_character(digits)
    return f"ZL{digits}.{'0' if check != '0' else '1'}"


@pytest.fixture
def centre(campaign):
    office = UnitFactory(name="示例市知识产权保护中心", region=campaign.region)
    IntakeRoute.objects.create(campaign=campaign, office=office)
    return office


@pytest.fixture
def caseworker(campaign, centre):
    user = UserFactory(username="wu", display_name="吴专员")
    MembershipFactory(user=user, campaign=campaign, unit=centre, role=Membership.Role.CASEWORKER)
    return user


@pytest.fixture
def stranger_caseworker(campaign, unit_b):
    user = UserFactory(username="qian", display_name="钱专员")
    MembershipFactory(user=user, campaign=campaign, unit=unit_b, role=Membership.Role.CASEWORKER)
    return user


@pytest.fixture
def enforcement_activity(campaign):
    activity = ActivityFactory(campaign=campaign, title="专利执法专项检查", category=Activity.Category.ENFORCEMENT)
    ActivityUnitFactory(activity=activity, unit=campaign.organiser, role=ActivityUnit.Role.LEAD)
    return activity


@pytest.fixture
def action(campaign, centre, enforcement_activity, caseworker):
    return SpecialAction.objects.create(
        office=centre,
        campaign=campaign,
        activity=enforcement_activity,
        name="专利执法专项行动",
        starts_on=dt.date(2027, 4, 20),
        created_by=caseworker,
    )


def inspection_data(**changes):
    data = {
        "inspected_at": timezone.make_aware(dt.datetime(2027, 4, 21, 9, 30)),
        "location": "示例市家居市场A区12号",
        "market_kind": "market",
        "party_name": "示例家纺商行",
        "party_person": "陈大明",
        "outcome": "no_issue",
        "seized_count": 0,
    }
    data.update(changes)
    return data


@pytest.fixture
def inspection(action, caseworker):
    return save_inspection(
        action=action,
        data=inspection_data(),
        officers=OFFICERS,
        items=[
            ItemInput(
                product="记忆棉枕头", quantity=40, mark_text=f"实用新型专利 {GOOD}", claimed_type="utility_model"
            ),
            ItemInput(product="电动螺丝刀", quantity=5, mark_text=f"发明专利 {wrong_check('202019234567')}"),
        ],
        case=None,
        actor=caseworker,
    )
