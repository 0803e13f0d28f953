"""The rollup on a small hand-built tree: a province, two cities, one county under the first city.

Hand-computed (participants): province 100 · city 1: 40 (进校园) + 10 · city 2: 30 · county: 25
(linked to city 1's 进校园 activity) + 8. Reports that do not count: submitted 999, returned 555,
same-day news 777.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from ipweek.campaigns.models import Activity, Campaign, PlanSection
from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    ActivityUnitFactory,
    CampaignFactory,
    PlanItemFactory,
    PlanSectionFactory,
    RegionFactory,
)
from ipweek.reporting.models import ActivityReport, CampaignDeadlines, Figure, Filing
from ipweek.reporting.rollup import descendant_ids, priority_keywords, progress, rollup
from ipweek.units.models import Region

Metric = Figure.Metric
Category = Activity.Category
Status = ActivityReport.Status


def report(activity, *, status=Status.APPROVED, kind=ActivityReport.Kind.CLOSING, figures=()):
    """A report of ``activity`` with figures given as (metric, value) or (metric, value, label)."""
    unit = activity.campaign.organiser
    saved = ActivityReport.objects.create(activity=activity, unit=unit, kind=kind, title="总结", status=status)
    for metric, value, *label in figures:
        Figure.objects.create(report=saved, metric=metric, value=Decimal(value), label=label[0] if label else "")
    return saved


def child_campaign(parent, code, level, name):
    region = RegionFactory(code=code, name=name, slug=f"r{code}", level=level)
    return CampaignFactory(region=region, parent=parent, level=level)


@pytest.fixture
def tree(db):
    province_region = RegionFactory(code="990000", name="示例省", slug="shili-sheng", level=Region.Level.PROVINCE)
    province = CampaignFactory(region=province_region, level=Campaign.Level.PROVINCE)
    city_1 = child_campaign(province, "990100", Region.Level.CITY, "甲市")
    city_2 = child_campaign(province, "990200", Region.Level.CITY, "乙市")
    county = child_campaign(city_1, "990101", Region.Level.COUNTY, "甲县")

    launch = ActivityFactory(campaign=province, title="启动仪式", category=Category.LAUNCH_CEREMONY)
    report(launch, figures=[(Metric.PARTICIPANTS, 100), (Metric.MATERIALS, 50), (Metric.OTHER, 3, "展板")])
    schools = ActivityFactory(campaign=city_1, title="知识产权进校园", category=Category.OUTREACH_SCHOOLS)
    report(schools, figures=[(Metric.PARTICIPANTS, 40), (Metric.OTHER, 2, "展板"), (Metric.OTHER, 1, " 横幅 ")])
    pending = ActivityFactory(campaign=city_1, title="培训一", category=Category.TRAINING)
    report(pending, status=Status.SUBMITTED, figures=[(Metric.PARTICIPANTS, 999)])
    training = ActivityFactory(campaign=city_1, title="《专利法》培训", category=Category.TRAINING)
    report(training, status=Status.PUBLISHED, figures=[(Metric.PARTICIPANTS, 10), (Metric.CONSULTATIONS, 5)])
    report(training, kind=ActivityReport.Kind.NEWS, figures=[(Metric.PARTICIPANTS, 777)])
    enterprises = ActivityFactory(campaign=city_2, title="服务企业创新讲座", category=Category.OUTREACH_ENTERPRISES)
    report(enterprises, figures=[(Metric.PARTICIPANTS, 30), (Metric.MATERIALS, 20)])
    returned = ActivityFactory(campaign=city_2, title="咨询", category=Category.SQUARE_DAY)
    report(returned, status=Status.RETURNED, figures=[(Metric.PARTICIPANTS, 555)])
    sub_venue = ActivityFactory(
        campaign=county, title="进校园分会场", category=Category.OUTREACH_SCHOOLS, linked_to=schools
    )
    report(sub_venue, figures=[(Metric.PARTICIPANTS, 25), (Metric.MATERIALS, 7)])
    community = ActivityFactory(campaign=county, title="社区宣传", category=Category.OUTREACH_COMMUNITIES)
    report(community, status=Status.PUBLISHED, figures=[(Metric.PARTICIPANTS, 8)])
    ActivityFactory(campaign=county, title="取消的活动", status=Activity.Status.CANCELLED)

    priorities = PlanSectionFactory(campaign=province, kind=PlanSection.Kind.PRIORITIES, heading="宣传重点")
    PlanItemFactory(section=priorities, title="普法宣传", body="宣传《专利法》，推动“进校园”。", position=1)
    PlanItemFactory(section=priorities, title="企业保护", body="服务企业创新。", position=2)
    return {"province": province, "city_1": city_1, "city_2": city_2, "county": county}


def test_descendant_ids_walks_the_tree(tree):
    ids = descendant_ids(tree["province"])

    assert ids[0] == tree["province"].pk
    assert sorted(ids) == sorted(c.pk for c in tree.values())
    assert descendant_ids(tree["county"]) == [tree["county"].pk]


def test_descendant_ids_survive_a_cycle(tree):
    Campaign.objects.filter(pk=tree["province"].pk).update(parent=tree["county"])

    ids = descendant_ids(tree["province"])

    assert len(ids) == len(set(ids)) == 4


def test_rollup_of_province_counts_linked_county_activity_once(tree):
    result = rollup(tree["province"])

    assert result.totals == {
        Metric.PARTICIPANTS: Decimal(188),
        Metric.MATERIALS: Decimal(70),
        Metric.CONSULTATIONS: Decimal(5),
    }
    assert result.other == {"展板": Decimal(5), "横幅": Decimal(1)}
    assert (result.activity_count, result.reported_count) == (7, 5)


def test_rollup_of_city_leaves_out_linked_county_activity(tree):
    result = rollup(tree["city_1"])

    assert result.totals == {Metric.PARTICIPANTS: Decimal(58), Metric.CONSULTATIONS: Decimal(5)}


def test_rollup_of_county_alone_counts_linked_activity(tree):
    result = rollup(tree["county"])

    assert result.totals == {Metric.PARTICIPANTS: Decimal(33), Metric.MATERIALS: Decimal(7)}
    assert (result.activity_count, result.reported_count) == (2, 2)


def test_rollup_without_descendants_is_own_level_only(tree):
    result = rollup(tree["city_1"], include_descendants=False)

    assert result.totals == {Metric.PARTICIPANTS: Decimal(50), Metric.CONSULTATIONS: Decimal(5)}
    assert result.campaign_ids == [tree["city_1"].pk]


def test_rollup_counts_only_approved_and_published_closing_reports(tree):
    training = Activity.objects.get(title="培训一")
    ActivityReport.objects.filter(activity=training).update(status=Status.APPROVED)

    result = rollup(tree["province"])

    assert result.total(Metric.PARTICIPANTS) == Decimal(188 + 999)


def test_rollup_by_region_gives_each_child_its_subtree(tree):
    result = rollup(tree["province"])

    rows = {row.key: (row.value(Metric.PARTICIPANTS), row.activity_count) for row in result.by_region}
    assert rows == {
        str(tree["province"].pk): (Decimal(100), 1),
        str(tree["city_1"].pk): (Decimal(58), 4),
        str(tree["city_2"].pk): (Decimal(30), 2),
    }


def test_rollup_by_category(tree):
    result = rollup(tree["province"])

    rows = {row.key: row.value(Metric.PARTICIPANTS) for row in result.by_category}
    assert rows == {
        Category.LAUNCH_CEREMONY: Decimal(100),
        Category.TRAINING: Decimal(10),
        Category.SQUARE_DAY: Decimal(0),
        Category.OUTREACH_SCHOOLS: Decimal(40),
        Category.OUTREACH_ENTERPRISES: Decimal(30),
        Category.OUTREACH_COMMUNITIES: Decimal(8),
    }


def test_rollup_by_outreach_channel_has_all_six(tree):
    result = rollup(tree["province"])

    rows = [(row.key, row.value(Metric.PARTICIPANTS)) for row in result.by_channel]
    assert rows == [
        (Category.OUTREACH_AGENCIES, 0),
        (Category.OUTREACH_ENTERPRISES, 30),
        (Category.OUTREACH_SCHOOLS, 40),
        (Category.OUTREACH_COMMUNITIES, 8),
        (Category.OUTREACH_MALLS, 0),
        (Category.OUTREACH_TOWNSHIPS, 0),
    ]


def test_rollup_by_priority_matches_keywords(tree):
    result = rollup(tree["province"])

    rows = [(row.value(Metric.PARTICIPANTS), row.activity_count) for row in result.by_priority]
    assert rows == [(Decimal(50), 2), (Decimal(30), 1), (Decimal(108), 4)]
    assert result.by_priority[0].label == "普法宣传"


def test_rollup_without_priorities_section_has_no_priority_rows(tree):
    assert rollup(tree["city_2"]).by_priority == []


def test_priority_keywords_take_titles_quotes_and_short_phrases():
    keywords = priority_keywords("深入宣传，把握导向。宣传《专利法》《商标法》等法律法规，推动“进校园”。")

    assert keywords[:3] == ["专利法", "商标法", "进校园"]
    assert "把握导向" in keywords
    assert "宣传" not in keywords


def test_rollup_sums_fractions_exactly(db):
    campaign = CampaignFactory()
    report(ActivityFactory(campaign=campaign), figures=[(Metric.MEDIA_ITEMS, "0.1"), (Metric.OTHER, "1.50", "经费")])
    report(ActivityFactory(campaign=campaign), figures=[(Metric.MEDIA_ITEMS, "0.2"), (Metric.OTHER, "2.25", "经费")])
    report(ActivityFactory(campaign=campaign), figures=[(Metric.OTHER, "4", "")])

    result = rollup(campaign)

    assert result.totals == {Metric.MEDIA_ITEMS: Decimal("0.30")}
    assert result.other == {"经费": Decimal("3.75"), "其他": Decimal(4)}
    assert [row.totals for row in result.by_region] == [{Metric.MEDIA_ITEMS: Decimal("0.30")}]


def test_rollup_as_json_is_plain_data(tree):
    data = rollup(tree["province"]).as_json()

    assert Decimal(data["totals"]["participants"]) == 188
    assert data["activities"] == {"total": 7, "reported": 5}
    assert len(data["by_channel"]) == 6


@pytest.mark.parametrize("children", [1, 3])
def test_rollup_queries_do_not_grow(db, children, django_assert_num_queries):
    province = CampaignFactory(level=Campaign.Level.PROVINCE)
    for _ in range(children):
        city = CampaignFactory(parent=province)
        activity = ActivityFactory(campaign=city)
        report(activity, figures=[(Metric.PARTICIPANTS, 1), (Metric.OTHER, 1, "展板")])
        county = CampaignFactory(parent=city, level=Campaign.Level.COUNTY)
        report(ActivityFactory(campaign=county, linked_to=activity), figures=[(Metric.PARTICIPANTS, 1)])
    PlanItemFactory(section=PlanSectionFactory(campaign=province, kind=PlanSection.Kind.PRIORITIES))

    # Three levels of the tree, the priorities, the aggregate; PostgreSQL tunes it in a savepoint.
    with django_assert_num_queries(5 if connection.vendor == "sqlite" else 8):
        result = rollup(province)

    assert result.total(Metric.PARTICIPANTS) == children


# --- progress ----------------------------------------------------------------------------------


def test_progress_counts_filed_running_reported_and_overdue(campaign, unit_a):
    now = dt.datetime(2027, 4, 22, 12, tzinfo=dt.UTC)
    CampaignDeadlines.objects.create(campaign=campaign, filing_due=now - dt.timedelta(days=3))
    filed = ActivityFactory(campaign=campaign, start_date=dt.date(2027, 4, 22))
    ActivityUnitFactory(activity=filed, unit=unit_a)
    Filing.objects.create(
        activity=filed, unit=unit_a, host="甲", venue="乙", starts_at=now, contact_name="丙", contact_phone="1",
        status=Filing.Status.APPROVED,
    )  # fmt: skip
    late = ActivityFactory(campaign=campaign, start_date=dt.date(2027, 4, 20))
    ActivityUnitFactory(activity=late, unit=unit_a)
    report(late, status=Status.SUBMITTED, figures=[(Metric.PARTICIPANTS, 12)])
    undated = ActivityFactory(campaign=campaign, start_date=None, start_time=None)
    ActivityFactory(campaign=campaign, status=Activity.Status.CANCELLED)

    result = progress(campaign, now=now)

    counts = result.counts
    assert (counts.activities, counts.filed, counts.running, counts.reported, counts.overdue) == (3, 1, 2, 1, 2)
    assert [u.counts.activities for u in result.units] == [2]
    assert [row.activity.pk for row in result.activities if row.is_running] == [filed.pk, undated.pk]


def test_progress_report_overdue_and_participants(campaign):
    now = dt.datetime(2027, 5, 10, tzinfo=dt.UTC)
    CampaignDeadlines.objects.create(campaign=campaign, report_due=now - dt.timedelta(days=1))
    done = ActivityFactory(campaign=campaign)
    report(done, figures=[(Metric.PARTICIPANTS, 7), (Metric.PARTICIPANTS, 5)])
    ActivityFactory(campaign=campaign)

    result = progress(campaign, now=now)

    assert [(row.is_report_overdue, row.participants) for row in result.activities] == [
        (False, Decimal(12)),
        (True, None),
    ]
