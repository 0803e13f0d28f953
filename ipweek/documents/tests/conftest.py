"""A campaign whose plan has every kind of block: sections, items with and without titles, activities."""

import datetime as dt

import pytest

from ipweek.campaigns.models import Activity, ActivityUnit, PlanSection
from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    ActivityUnitFactory,
    PlanItemFactory,
    PlanSectionFactory,
    UnitFactory,
)

LONG_TEXT = (
    "以新时代知识产权强国建设为指引，围绕宣传周主题，"
    "组织开展形式多样的知识产权宣传活动，营造尊重知识、崇尚创新、诚信守法的良好氛围。"
)


@pytest.fixture
def plan_campaign(campaign, unit_a, unit_b):
    campaign.doc_agency_code = "示知发"
    campaign.doc_serial = 5
    campaign.addressees = "各县（区）知识产权局，市直各成员单位："
    campaign.signed_date = dt.date(2027, 4, 3)
    campaign.save()
    _sections(campaign)
    _activities(campaign, unit_a, unit_b)
    return campaign


def _sections(campaign):
    body = "".join(f"<p>{LONG_TEXT}</p>" for _ in range(8))
    PlanSectionFactory(
        campaign=campaign, kind=PlanSection.Kind.GUIDING_IDEOLOGY, heading="总体要求", body=body, position=1
    )
    priorities = PlanSectionFactory(
        campaign=campaign, kind=PlanSection.Kind.PRIORITIES, heading="宣传重点", body="", position=2
    )
    lead_in = "<p>要深入宣传知识产权强国建设。</p>"
    PlanItemFactory(section=priorities, title="深入宣传，把握导向", body=lead_in, position=1)
    PlanItemFactory(section=priorities, title="", body="突出重点，注重实效。", position=2)
    arrangements = PlanSectionFactory(
        campaign=campaign,
        kind=PlanSection.Kind.ARRANGEMENTS,
        heading="活动安排",
        body="<p>宣传周期间重点开展以下活动。</p>",
        position=3,
    )
    PlanItemFactory(section=arrangements, title="统一部署", body="各单位按照分工组织实施。", position=1)
    PlanSectionFactory(
        campaign=campaign,
        kind=PlanSection.Kind.REQUIREMENTS,
        heading="工作要求",
        body="<p>加强组织领导。</p>",
        position=4,
    )


def _activities(campaign, unit_a, unit_b):
    launch = ActivityFactory(
        campaign=campaign,
        title="宣传周启动仪式",
        date_text="",
        start_date=dt.date(2027, 4, 21),
        start_time=dt.time(9, 30),
        venue="市民广场",
        description="<p>发布知识产权保护白皮书。</p>",
        position=1,
    )
    ActivityUnitFactory(activity=launch, unit=unit_a, role=ActivityUnit.Role.LEAD, position=1)
    ActivityUnitFactory(activity=launch, unit=unit_b, role=ActivityUnit.Role.SUPPORTING, position=2)
    press = UnitFactory(name="示例日报社", region=campaign.region)
    ActivityUnitFactory(activity=launch, unit=press, role=ActivityUnit.Role.CO_ORGANISER, position=3)
    ActivityFactory(
        campaign=campaign,
        parent=launch,
        title="线上专利展",
        date_text="4月21日至26日",
        description="<p>在网站展示优秀专利。</p>",
        position=2,
    )
    ActivityFactory(campaign=campaign, title="已取消的活动", status=Activity.Status.CANCELLED, position=3)
    school = ActivityFactory(campaign=campaign, title="知识产权进校园", date_text="宣传周期间", position=4)
    ActivityUnitFactory(activity=school, unit=unit_b, role=ActivityUnit.Role.LEAD)
