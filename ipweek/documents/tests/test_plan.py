import datetime as dt

import pytest

from ipweek.campaigns.models import Campaign
from ipweek.campaigns.tests.factories import ActivityFactory, ActivityUnitFactory, PlanSectionFactory
from ipweek.documents.blocks import Heading, Paragraph
from ipweek.documents.plan import activity_date_phrase, plan_document, time_phrase


def _labels(doc):
    return [block.label for block in doc.blocks if isinstance(block, Heading)]


def test_plan_document_takes_the_official_parts_from_the_campaign(plan_campaign):
    doc = plan_document(plan_campaign)

    assert doc.title == "2027年示例市知识产权宣传周活动方案"
    assert doc.doc_number == "示知发〔2027〕5号"
    assert doc.issuer_mark == "示例市知识产权局文件"
    assert doc.addressees == "各县（区）知识产权局，市直各成员单位："
    assert (doc.signature, doc.signed_date) == ("示例市知识产权局", dt.date(2027, 4, 3))


def test_plan_document_numbers_sections_items_and_activities(plan_campaign):
    doc = plan_document(plan_campaign)

    assert _labels(doc) == [
        "一、总体要求",
        "二、宣传重点",
        "（一）深入宣传，把握导向。",
        "（二）",
        "三、活动安排",
        "（一）统一部署。",
        "（二）宣传周启动仪式",
        "1.线上专利展",
        "（三）知识产权进校园",
        "四、工作要求",
    ]


def test_plan_document_runs_item_text_into_its_heading(plan_campaign):
    doc = plan_document(plan_campaign)

    headings = {block.label: block.body for block in doc.blocks if isinstance(block, Heading)}
    assert headings["（一）深入宣传，把握导向。"] == "要深入宣传知识产权强国建设。"
    assert headings["（二）"] == "突出重点，注重实效。"


def test_plan_document_describes_activities_with_time_place_and_units(plan_campaign):
    doc = plan_document(plan_campaign)

    texts = [block.text for block in doc.blocks if isinstance(block, Paragraph)]
    assert (
        "时间：4月21日上午9:30；地点：市民广场；牵头单位：示例市市场监督管理局；承办单位：示例日报社；配合单位：示例市教育局。"
        in texts
    )
    assert "时间：宣传周期间；牵头单位：示例市教育局。" in texts
    assert "发布知识产权保护白皮书。" in texts
    assert all("已取消" not in label for label in _labels(doc))


@pytest.mark.parametrize("count", [1, 4])
def test_plan_document_queries_do_not_grow(campaign, unit_a, count, django_assert_num_queries):
    PlanSectionFactory(campaign=campaign, kind="arrangements", heading="活动安排")
    for _ in range(count):
        activity = ActivityFactory(campaign=campaign)
        ActivityUnitFactory(activity=activity, unit=unit_a)
        ActivityFactory(campaign=campaign, parent=activity)
    fresh = Campaign.objects.get(pk=campaign.pk)

    # organiser, sections, items, activities, their units, sub-activities, their units
    with django_assert_num_queries(7):
        plan_document(fresh)


def test_activity_date_phrase_formats_dates_when_nothing_was_written(campaign):
    activity = ActivityFactory.build(
        campaign=campaign,
        date_text="",
        start_date=dt.date(2027, 4, 28),
        end_date=dt.date(2027, 5, 2),
        start_time=dt.time(14, 30),
        is_tentative=True,
    )

    assert activity_date_phrase(activity) == "4月28日至5月2日下午2:30（暂定）"


def test_time_phrase_names_the_part_of_the_day():
    assert [time_phrase(dt.time(h, 0)) for h in (9, 12, 15, 19)] == ["上午9:00", "中午12:00", "下午3:00", "晚上7:00"]
