"""Fixtures of the statistics, export, retention, typical-case and cases-API tests (no tests here).

- ``office``: the persona campaign's organiser, where the cases are handled
- ``handler``: a caseworker of ``office`` — sees personal data
- ``second_handler``: another caseworker of ``office`` — may review what ``handler`` wrote
- ``admin_zhang`` (root persona): office staff of the campaign — reads ``office``'s cases masked
- ``other_office`` / ``other_handler``: a county office and its caseworker — sees nothing of ``office``
- ``outsider_wang`` (root persona): a unit liaison — no casework at all
"""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ipweek.campaigns.tests.factories import MembershipFactory, UnitFactory, UserFactory
from ipweek.casework.models import Case
from ipweek.casework.services.intake import submit_case
from ipweek.casework.services.workflow import apply_step
from ipweek.units.models import Membership

NAME = "张三丰"
PHONE = "13812341234"
ID_NUMBER = "330102199001011234"
EMAIL = "zhangsanfeng@example.com"
COMPLAINT = {
    "subject": "张三丰投诉网店销售仿冒专利产品",
    "complainant_name": NAME,
    "complainant_phone": PHONE,
    "complainant_id_number": ID_NUMBER,
    "complainant_email": EMAIL,
    "complainant_address": "示例市人民路1号3幢502室",
    "respondent_name": "示例市佳美电器店",
    "respondent_address": "示例市建设路8号",
    "respondent_url": "https://jiamei.shop.example.com/item/10086",
    "right_number": "ZL2023 1 0123456.5",
    "facts": f"{NAME}于4月在该店购买的产品标注专利号ZL2023 1 0123456.5，专利已失效。联系电话{PHONE}，{NAME}要求查处。",
    "request": "请依法查处。",
    "ip_type": "utility_model",
}


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def make_case(office: Any, *, kind: str = "complaint", received: dt.datetime | None = None, **data: Any) -> Case:
    fields = dict(COMPLAINT) if kind == "complaint" else {"subject": "如何申请外观设计专利", "ip_type": "design"}
    fields.update(data)
    channel = fields.pop("channel", "web")
    campaign = fields.pop("campaign", None)
    return submit_case(
        office=office, kind=kind, channel=channel, data=fields, received_at=received, campaign=campaign
    ).case


def decide(case: Case, actor: Any, *, outcome: str = "mediated", decided: dt.datetime | None = None) -> Case:
    if case.status == Case.Status.RECEIVED and case.kind != Case.Kind.CONSULTATION:
        case = apply_step(case=case, step_name="accept", actor=actor)
    case = apply_step(case=case, step_name="decide", actor=actor, outcome=outcome)
    if decided is not None:
        Case.objects.filter(pk=case.pk).update(decided_at=decided)
        case.refresh_from_db()
    return case


def close(case: Case, actor: Any, *, closed: dt.datetime | None = None, **kwargs: Any) -> Case:
    case = decide(case, actor, **kwargs)
    case = apply_step(case=case, step_name="close", actor=actor)
    if closed is not None:
        Case.objects.filter(pk=case.pk).update(closed_at=closed)
        case.refresh_from_db()
    return case


@pytest.fixture
def office(campaign):
    return campaign.organiser


def _caseworker(campaign: Any, unit: Any, username: str, display_name: str) -> Any:
    user = UserFactory(username=username, display_name=display_name)
    MembershipFactory(user=user, campaign=campaign, unit=unit, role=Membership.Role.CASEWORKER)
    return user


@pytest.fixture
def handler(campaign, office):
    return _caseworker(campaign, office, "stats_handler", "钱专员")


@pytest.fixture
def second_handler(campaign, office):
    return _caseworker(campaign, office, "stats_second", "孙专员")


@pytest.fixture
def other_office(campaign):
    return UnitFactory(name="示例县市场监督管理局", region=campaign.region)


@pytest.fixture
def other_handler(campaign, other_office):
    return _caseworker(campaign, other_office, "stats_other", "周专员")


@pytest.fixture
def open_case(office):
    return make_case(office)


@pytest.fixture
def closed_case(office, handler):
    return close(make_case(office), handler)


@pytest.fixture
def other_case(other_office):
    return make_case(other_office, complainant_name="李四", complainant_phone="13900001111")
