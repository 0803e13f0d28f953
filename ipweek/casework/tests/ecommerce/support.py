"""Fixtures the e-commerce tests share (imported by name; this module holds no tests).

The office is the persona campaign's organiser; ``admin_zhang`` (its office staff) reads its cases masked.
"""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ipweek.campaigns.tests.factories import MembershipFactory, UnitFactory, UserFactory
from ipweek.casework.models import EcommerceRequest, Platform
from ipweek.casework.services import ecommerce as services
from ipweek.units.models import Membership

PHONE = "13912345678"
DATA: dict[str, Any] = {
    "shop_name": "示例家居旗舰店",
    "listing_url": "https://shop.example.com/item/10086",
    "patent_number": "ZL 2013 1 0699744.2",
    "right_holder": "示例科技有限公司",
    "contact_name": "王小明",
    "contact_phone": PHONE,
    "contact_email": "wang@example.com",
    "facts": "权利人通知称该商品落入其发明专利权利要求1的保护范围。",
    "request": "请出具意见。",
}


@pytest.fixture
def office(campaign):
    return campaign.organiser


@pytest.fixture
def caseworker(campaign, office):
    user = UserFactory(username="caseworker_ec", display_name="陈办案")
    MembershipFactory(user=user, campaign=campaign, unit=office, role=Membership.Role.CASEWORKER)
    return user


@pytest.fixture
def other_caseworker(campaign):
    """A caseworker of another office: sees nothing of ours."""
    user = UserFactory(username="caseworker_other", display_name="别处办案")
    other = UnitFactory(name="别处保护中心", region=campaign.region)
    MembershipFactory(user=user, campaign=campaign, unit=other, role=Membership.Role.CASEWORKER)
    return user


@pytest.fixture
def platform_user(db):
    return UserFactory(username="platform_a", display_name="甲商城投诉组")


@pytest.fixture
def platform(office, platform_user):
    return Platform.objects.create(name="甲商城", office=office, user=platform_user)


@pytest.fixture
def other_platform_user(db):
    return UserFactory(username="platform_b", display_name="乙商城投诉组")


@pytest.fixture
def other_platform(office, other_platform_user):
    return Platform.objects.create(name="乙商城", office=office, user=other_platform_user)


def submit(platform: Platform, *, received_at: dt.datetime | None = None, **changes: Any) -> EcommerceRequest:
    assert platform.user is not None
    data = {**DATA, **changes}
    return services.submit_request(platform=platform, actor=platform.user, data=data, received_at=received_at).request


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def ecommerce_request(platform):
    return submit(platform)


@pytest.fixture
def measured(ecommerce_request, caseworker, platform_user):
    """Opinion "cannot determine", listing blocked."""
    item = services.issue_opinion(
        request=ecommerce_request, actor=caseworker, opinion="cannot_determine", reasons="需实物比对。"
    )
    return services.record_measure(request=item, actor=platform_user, measure="block")


def backdate_measure(item: EcommerceRequest, days: int) -> EcommerceRequest:
    EcommerceRequest.objects.filter(pk=item.pk).update(measure_at=days_ago(days))
    item.refresh_from_db()
    return item
