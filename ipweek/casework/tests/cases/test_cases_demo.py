"""The demo's cases: varied, one overdue, invented people, and safe to load twice."""

import pytest
from django.utils import timezone

from ipweek.casework import demo_cases
from ipweek.casework.demo import DemoContext
from ipweek.casework.models import Case, Platform, Transfer


@pytest.fixture
def context(campaign, office, caseworker, admin_zhang) -> DemoContext:
    platform = Platform.objects.create(office=office, name="示例平台")
    return DemoContext(city=campaign, centre=office, caseworker=caseworker, office=admin_zhang, platform=platform)


def test_the_demo_fills_a_varied_queue_once(context):
    demo_cases.fill(context)
    demo_cases.fill(context)

    cases = Case.objects.filter(office=context.centre)
    today = timezone.localdate()
    assert cases.count() == len(demo_cases.CASES)
    assert len(set(cases.values_list("status", flat=True))) >= 5
    assert len(set(cases.values_list("kind", flat=True))) >= 5
    assert len(set(cases.values_list("channel", flat=True))) >= 4
    assert cases.filter(due_date__lt=today).exclude(status__in=["closed", "refused"]).count() >= 1
    assert cases.filter(received_at__year=2027, received_at__month=4).count() >= 3
    assert Transfer.objects.filter(case__office=context.centre, receipt="accepted").count() == 1
