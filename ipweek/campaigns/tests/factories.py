import datetime as dt

import factory

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign, PlanItem, PlanSection
from ipweek.units.models import Membership, Region, Unit


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{990100 + n:06d}")
    name = factory.Sequence(lambda n: f"测试市{n}")
    level = Region.Level.CITY
    slug = factory.Sequence(lambda n: f"test-city-{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = Unit.Kind.MEMBER
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-42")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    year = 2027
    level = Campaign.Level.CITY
    region = factory.SubFactory(RegionFactory)
    organiser = factory.SubFactory(UnitFactory, region=factory.SelfAttribute("..region"), kind=Unit.Kind.IP_OFFICE)
    title = factory.LazyAttribute(lambda c: f"{c.year}年{c.region.name}知识产权宣传周活动方案")
    theme = "知识产权与测试"
    start_date = factory.LazyAttribute(lambda c: dt.date(c.year, 4, 20))
    end_date = factory.LazyAttribute(lambda c: dt.date(c.year, 4, 26))


class PlanSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanSection

    campaign = factory.SubFactory(CampaignFactory)
    kind = PlanSection.Kind.OTHER
    heading = factory.Sequence(lambda n: f"第{n}部分")
    body = "<p>正文。</p>"
    position = factory.Sequence(lambda n: n)


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    section = factory.SubFactory(PlanSectionFactory)
    title = "整合资源，突出重点"
    body = "要创新宣传活动的方式方法。"
    position = factory.Sequence(lambda n: n)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    campaign = factory.SubFactory(CampaignFactory)
    title = factory.Sequence(lambda n: f"活动{n}")
    category = Activity.Category.TRAINING
    date_text = "4月21日上午9:30"
    start_date = factory.LazyAttribute(lambda a: dt.date(a.campaign.year, 4, 21))
    start_time = dt.time(9, 30)
    position = factory.Sequence(lambda n: n)


class ActivityUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityUnit

    activity = factory.SubFactory(ActivityFactory)
    unit = factory.SubFactory(UnitFactory)
    role = ActivityUnit.Role.LEAD


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Membership.Role.OFFICE_STAFF
