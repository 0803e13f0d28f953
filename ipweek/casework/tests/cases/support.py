"""Fixtures and helpers shared by the tests of the caseworkers' pages (imported by the test modules).

The persona city's office (``campaign.organiser``) is the case office. ``caseworker`` handles its
cases; ``admin_zhang`` (office staff of the campaign) reads them masked; ``other_caseworker``
handles another office's cases and must see nothing of these; ``outsider_wang`` is a liaison.
"""

import datetime as dt
from typing import Any

import pytest

from ipweek.campaigns.tests.factories import MembershipFactory, UnitFactory, UserFactory
from ipweek.casework.models import Case
from ipweek.casework.services.intake import submit_case
from ipweek.units.models import Membership, Unit

PHONE = "13812345678"
MASKED_PHONE = "138****5678"
NAME = "张晓明"
COMPLAINT: dict[str, Any] = {
    "subject": "网店销售仿冒专利产品",
    "complainant_name": NAME,
    "complainant_phone": PHONE,
    "complainant_id_number": "330501199001011234",
    "complainant_address": "示例市人民路1号",
    "respondent_name": "某某电器店",
    "respondent_address": "示例市建设路8号",
    "facts": "该店销售的产品标注专利号，但专利已失效。",
    "request": "请依法查处。",
    "ip_type": "utility_model",
}
# 2026: 1–5 May off, Saturday 9 May worked (make-up day).
BEFORE_MAY_DAY = dt.datetime(2026, 4, 28, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def office(campaign) -> Unit:
    return campaign.organiser


@pytest.fixture
def caseworker(campaign, office):
    user = UserFactory(username="wu", display_name="吴专员")
    MembershipFactory(user=user, campaign=campaign, unit=office, role=Membership.Role.CASEWORKER)
    return user


@pytest.fixture
def second_caseworker(campaign, office):
    user = UserFactory(username="qian", display_name="钱专员")
    MembershipFactory(user=user, campaign=campaign, unit=office, role=Membership.Role.CASEWORKER)
    return user


@pytest.fixture
def other_office(campaign) -> Unit:
    return UnitFactory(name="示例县知识产权保护站", region=campaign.region)


@pytest.fixture
def other_caseworker(campaign, other_office):
    user = UserFactory(username="feng", display_name="冯专员")
    MembershipFactory(user=user, campaign=campaign, unit=other_office, role=Membership.Role.CASEWORKER)
    return user


def make_case(office: Unit, *, kind: str = "complaint", received_at: dt.datetime | None = None, **data: Any) -> Case:
    values = {**COMPLAINT, **data}
    return submit_case(office=office, kind=kind, channel="web", data=values, received_at=received_at).case


@pytest.fixture
def case(office) -> Case:
    return make_case(office)
