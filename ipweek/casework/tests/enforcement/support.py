"""Fixtures of the enforcement tests (no tests here): an office, its caseworker, an action and its readers.

- ``centre``: the campaign's intake office; the special action belongs to it
- ``caseworker``: a caseworker of the centre — records and changes
- ``admin_zhang`` (root persona): office staff of the campaign — reads, person in charge masked
- ``stranger_caseworker``: a caseworker of another office — gets 404 everywhere
- ``outsider_wang`` (root persona): a liaison — no casework at all, 404
- ``found_inspection``: an inspection on Thursday 30 April 2026 whose outcome is “case opened”, no case linked yet
"""

import datetime as dt

import pytest
from django.urls import reverse
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


FOUND_AT = timezone.make_aware(dt.datetime(2026, 4, 30, 10, 0))  # a Thursday, the eve of May Day 2026


@pytest.fixture
def found_inspection(action, caseworker):
    """A counterfeit mark found at a trade fair: one product claims an invention, its number says utility model."""
    return save_inspection(
        action=action,
        data=inspection_data(
            inspected_at=FOUND_AT,
            location="示例会展中心3号馆",
            market_kind="trade_fair",
            party_name="示例智能家电有限公司",
            party_address="示例市示例路88号",
            party_person="钱大海",
            outcome="case_opened",
            evidence_note="拍摄产品照片6张。",
        ),
        officers=OFFICERS,
        items=[
            ItemInput(product="便携式榨汁杯", model="JZ-300", quantity=24, mark_text=f"中国发明专利 {GOOD}"),
            ItemInput(product="纯棉四件套", quantity=5),
        ],
        case=None,
        actor=caseworker,
    )


# --- pages -----------------------------------------------------------------------------------------------


def action_url(action, name="enforcement_action"):
    return reverse(f"casework:{name}", args=[action.pk])


def inspection_url(inspection, name="enforcement_inspection"):
    return reverse(f"casework:{name}", args=[inspection.pk])


def inspection_post(officers=2, items=None, **changes):
    """The inspection form as a browser sends it: four officer rows, three item rows."""
    data = {
        "inspected_at": "2027-04-22T14:00",
        "location": "示例五金城二楼",
        "market_kind": "store",
        "party_name": "示例五金电器经营部",
        "party_credit_code": "",
        "party_address": "示例五金城208室",
        "party_person": "沈一帆",
        "legal_basis": "",
        "evidence_note": "",
        "record_ref": "",
        "seizure_list": "",
        "seized_count": "0",
        "signatures": "",
        "outcome": "correct_marking",
        "case_number": "",
        "follow_up_due": "2027-05-14",
        "officers-TOTAL_FORMS": "4",
        "officers-INITIAL_FORMS": "0",
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
    }
    for index in range(4):
        named = index < officers
        data[f"officers-{index}-name"] = f"执法员{index}" if named else ""
        data[f"officers-{index}-certificate"] = f"ZF-10{index}" if named else ""
    for index in range(3):
        item = (items or [])[index] if index < len(items or []) else {}
        for name in ("product", "model", "mark_text", "claimed_type", "claimed_number", "known_status"):
            data[f"items-{index}-{name}"] = item.get(name, "")
        data[f"items-{index}-quantity"] = item.get("quantity", "1")
    data.update(changes)
    return data
