"""The drafted summary (总结) quotes the approved figures, rolled up over the levels below."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from django.db import connection
from django.utils import timezone

from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.tests.factories import ActivityFactory, ActivityUnitFactory, CampaignFactory, RegionFactory
from ipweek.documents.blocks import Heading, Paragraph
from ipweek.documents.exporters import export_document
from ipweek.documents.summary import draft_summary_sections, format_quantity, summary_document
from ipweek.reporting.models import ActivityReport, Figure, SummaryDraft
from ipweek.units.models import Region


def closing_report(activity, unit, status=ActivityReport.Status.APPROVED, **figures):
    """A closing report of ``activity`` with one figure per keyword: metric=value."""
    report = ActivityReport.objects.create(
        activity=activity, unit=unit, kind=ActivityReport.Kind.CLOSING, title=f"{activity.title}总结", status=status
    )
    for metric, value in figures.items():
        Figure.objects.create(report=report, metric=metric, value=Decimal(str(value)))
    return report


def news_report(activity, unit, title, status=ActivityReport.Status.PUBLISHED):
    return ActivityReport.objects.create(
        activity=activity,
        unit=unit,
        kind=ActivityReport.Kind.NEWS,
        title=title,
        status=status,
        published_at=timezone.now() if status == ActivityReport.Status.PUBLISHED else None,
    )


def build_summary_campaign(campaign, unit_a, unit_b):
    """A city campaign with three activities, reports in every state and a county child campaign.

    Counted: participants 12,345 + 1,000 + 500 (county) = 13,845; materials 8,000 + 200 (county) = 8,200;
    consultations 560; complaints 12. Not counted: a draft report (99,999) and a submitted one (77,777).
    """
    campaign.doc_agency_code = "示知发"
    campaign.doc_serial = 5
    campaign.save()
    launch = ActivityFactory(
        campaign=campaign,
        title="宣传周启动仪式",
        category=Activity.Category.LAUNCH_CEREMONY,
        date_text="",
        start_date=dt.date(2027, 4, 20),
        start_time=dt.time(9, 30),
    )
    ActivityUnitFactory(activity=launch, unit=unit_a)
    school = ActivityFactory(
        campaign=campaign,
        title="知识产权进校园",
        category=Activity.Category.OUTREACH_SCHOOLS,
        date_text="",
        start_date=dt.date(2027, 4, 22),
        start_time=None,
    )
    ActivityUnitFactory(activity=school, unit=unit_b)
    training = ActivityFactory(campaign=campaign, title="专利实务培训", category=Activity.Category.TRAINING)
    ActivityUnitFactory(activity=training, unit=unit_a)
    ActivityFactory(campaign=campaign, title="已取消的活动", status=Activity.Status.CANCELLED)

    closing_report(launch, unit_a, participants=12345, materials=8000, consultations=560, complaints=12)
    report = closing_report(school, unit_b, ActivityReport.Status.PUBLISHED, participants=1000)
    Figure.objects.create(report=report, metric=Figure.Metric.OTHER, label="发放环保袋", value=300, unit="个")
    # One closing report per unit and activity: the draft is unit B's, the submitted one unit A's.
    closing_report(training, unit_b, ActivityReport.Status.DRAFT, participants=99999)
    closing_report(training, unit_a, ActivityReport.Status.SUBMITTED, participants=77777)
    news_report(launch, unit_a, "示例市首次发布知识产权保护白皮书")
    news_report(launch, unit_a, "尚未发布的新闻", ActivityReport.Status.SUBMITTED)

    county_region = RegionFactory(code="990401", name="示例县", slug="shili-xian", level=Region.Level.COUNTY)
    county = CampaignFactory(region=county_region, level=Campaign.Level.COUNTY, parent=campaign)
    county_activity = ActivityFactory(campaign=county, title="县知识产权进社区")
    ActivityUnitFactory(activity=county_activity, unit=county.organiser)
    closing_report(county_activity, county.organiser, participants=500, materials=200)
    return campaign


@pytest.fixture
def summary_campaign(campaign, unit_a, unit_b):
    return build_summary_campaign(campaign, unit_a, unit_b)


def _section(sections, heading):
    return next(section for section in sections if section["heading"] == heading)


def _text(section):
    return "".join(section["paragraphs"])


def test_draft_title_names_year_and_region(summary_campaign):
    title, sections = draft_summary_sections(summary_campaign)

    assert title == "2027年示例市知识产权宣传周活动总结"
    assert [section["heading"] for section in sections] == [
        "组织领导",
        "主要活动",
        "活动成效",
        "特色亮点",
        "存在问题和下一步打算",
    ]


def test_draft_results_quote_the_approved_totals_with_units(summary_campaign):
    _title, sections = draft_summary_sections(summary_campaign)

    results = _text(_section(sections, "活动成效"))
    assert "全市共组织开展各类宣传活动4场（项）" in results
    assert "参与群众13,845人次" in results
    assert "发放宣传资料8,200份" in results
    assert "解答咨询560人次" in results
    assert "受理投诉12件" in results
    assert "发放环保袋300个" in results


def test_draft_results_leave_out_reports_not_yet_approved(summary_campaign):
    _title, sections = draft_summary_sections(summary_campaign)

    results = _text(_section(sections, "活动成效"))
    assert "99,999" not in results
    assert "77,777" not in results
    assert "受理举报" not in results  # no figure, no phrase


def test_draft_results_give_the_lower_levels_totals(summary_campaign):
    _title, sections = draft_summary_sections(summary_campaign)

    results = _section(sections, "活动成效")["paragraphs"]
    assert "其中各县（区）合计开展活动1场（项），参与群众500人次，发放宣传资料200份。" in results


def test_draft_counts_an_activity_linked_to_one_above_it_once(summary_campaign):
    county = summary_campaign.children.get()
    launch = summary_campaign.activities.get(title="宣传周启动仪式")
    sub_venue = ActivityFactory(campaign=county, title="启动仪式县分会场", linked_to=launch)
    closing_report(sub_venue, county.organiser, participants=300)

    _title, sections = draft_summary_sections(summary_campaign)

    results = _text(_section(sections, "活动成效"))
    assert "全市共组织开展各类宣传活动4场（项）" in results
    assert "参与群众13,845人次" in results
    assert "其中各县（区）合计开展活动1场（项），参与群众500人次" in results


def test_draft_without_children_has_no_lower_level_sentence(campaign, unit_a, unit_b):
    activity = ActivityFactory(campaign=campaign, category=Activity.Category.TRAINING)
    closing_report(activity, unit_a, participants=40)

    _title, sections = draft_summary_sections(campaign)

    results = _text(_section(sections, "活动成效"))
    assert "参与群众40人次" in results
    assert "其中" not in results


def test_draft_organisation_names_the_plan_number_and_units(summary_campaign):
    _title, sections = draft_summary_sections(summary_campaign)

    organisation = _text(_section(sections, "组织领导"))
    assert "示例市知识产权局" in organisation
    assert "（示知发〔2027〕5号）" in organisation
    assert "共有2家单位参与组织活动，分别是：示例市市场监督管理局、示例市教育局。" in organisation


def test_draft_main_activities_group_by_category_with_date_and_lead(summary_campaign):
    _title, sections = draft_summary_sections(summary_campaign)

    activities = _section(sections, "主要活动")["paragraphs"]
    assert activities[0] == "宣传周期间，共组织开展各类活动3场（项），其中启动仪式1场、培训活动1场、进校园活动1场。"
    assert "（一）启动仪式1场。4月20日上午9:30，示例市市场监督管理局牵头开展“宣传周启动仪式”。" in activities
    assert "已取消的活动" not in "".join(activities)


def test_draft_highlights_list_published_news_only(summary_campaign):
    _title, sections = draft_summary_sections(summary_campaign)

    highlights = _text(_section(sections, "特色亮点"))
    assert "特色亮点：示例市首次发布知识产权保护白皮书。" in highlights
    assert "尚未发布的新闻" not in highlights


def test_draft_highlights_number_several_news_items_up_to_five(summary_campaign, unit_a):
    launch = summary_campaign.activities.get(title="宣传周启动仪式")
    for number in range(6):
        news_report(launch, unit_a, f"亮点新闻{number}")

    _title, sections = draft_summary_sections(summary_campaign)

    highlights = _text(_section(sections, "特色亮点"))
    assert "一是" in highlights
    assert "五是" in highlights
    assert "六是" not in highlights


def test_draft_problems_section_is_a_placeholder(summary_campaign):
    _title, sections = draft_summary_sections(summary_campaign)

    assert all(text.startswith("（请补充）") for text in _section(sections, "存在问题和下一步打算")["paragraphs"])


def test_draft_of_a_campaign_without_figures_says_so(campaign):
    _title, sections = draft_summary_sections(campaign)

    results = _text(_section(sections, "活动成效"))
    assert "全市共组织开展各类宣传活动0场（项）。" in results
    assert "尚无经审核通过的活动数据" in results


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("12345"), "12,345"), (Decimal("8000.00"), "8,000"), (Decimal("1234.50"), "1,234.5"), (7, "7")],
)
def test_format_quantity_uses_separators_and_drops_zero_decimals(value, text):
    assert format_quantity(value) == text


def test_summary_document_numbers_headings_and_signs_for_the_organiser(summary_campaign):
    title, sections = draft_summary_sections(summary_campaign)
    draft = SummaryDraft(campaign=summary_campaign, title=title, sections=sections)

    document = summary_document(draft, signed_date=dt.date(2027, 4, 30))

    headings = [block.label for block in document.blocks if isinstance(block, Heading)]
    assert headings[:2] == ["一、组织领导", "二、主要活动"]
    assert headings[-1] == "五、存在问题和下一步打算"
    assert any(isinstance(block, Paragraph) and "参与群众13,845人次" in block.text for block in document.blocks)
    assert (document.signature, document.signed_date) == ("示例市知识产权局", dt.date(2027, 4, 30))


def test_summary_document_is_dated_today_by_default(campaign):
    draft = SummaryDraft(campaign=campaign, title="总结", sections=[{"heading": "一", "paragraphs": []}])

    assert summary_document(draft).signed_date == timezone.localdate()


def test_summary_docx_holds_the_numbers_and_headings(summary_campaign):
    title, sections = draft_summary_sections(summary_campaign)
    draft = SummaryDraft(campaign=summary_campaign, title=title, sections=sections)

    content, _content_type = export_document(summary_document(draft), "docx")

    text = "\n".join(paragraph.text for paragraph in docx.Document(BytesIO(content)).paragraphs)
    assert "2027年示例市知识产权宣传周活动总结" in text
    assert "一、组织领导" in text
    assert "二、主要活动" in text
    assert "三、活动成效" in text
    assert "参与群众13,845人次" in text
    assert "其中各县（区）合计开展活动1场（项），参与群众500人次" in text


@pytest.mark.parametrize("count", [1, 4])
def test_draft_queries_do_not_grow_with_activities(campaign, unit_a, count, django_assert_num_queries):
    for _ in range(count):
        activity = ActivityFactory(campaign=campaign)
        ActivityUnitFactory(activity=activity, unit=unit_a)
        closing_report(activity, unit_a, participants=10, materials=5)

    # The rollup's PostgreSQL statement runs in its own transaction with per-statement settings.
    with django_assert_num_queries(7 if connection.vendor == "sqlite" else 10):
        draft_summary_sections(campaign)
