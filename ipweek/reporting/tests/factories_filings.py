import datetime as dt

import factory
from django.utils import timezone

from ipweek.campaigns.tests.factories import ActivityFactory, UnitFactory
from ipweek.reporting.models import ActivityReport, CampaignDeadlines, Filing


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


class FilingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Filing

    activity = factory.SubFactory(ActivityFactory)
    unit = factory.SubFactory(UnitFactory)
    host = "示例市市场监督管理局"
    venue = "示例市民广场"
    starts_at = factory.LazyAttribute(lambda f: local(f.activity.campaign.year, 4, 21, 9, 30))
    ends_at = factory.LazyAttribute(lambda f: local(f.activity.campaign.year, 4, 21, 11, 30))
    contact_name = "李明"
    contact_phone = "13800138000"
    status = Filing.Status.DRAFT


class CampaignDeadlinesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignDeadlines

    filing_due = factory.LazyAttribute(lambda d: local(d.campaign.year, 4, 15, 18))
    report_due = factory.LazyAttribute(lambda d: local(d.campaign.year, 4, 30, 18))


class ClosingReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityReport

    activity = factory.SubFactory(ActivityFactory)
    unit = factory.SubFactory(UnitFactory)
    kind = ActivityReport.Kind.CLOSING
    title = "活动总结"
    status = ActivityReport.Status.SUBMITTED
