"""Reading a PlanDraft into a campaign: unit matching, times, categories, create and merge."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from ipweek.campaigns import importing
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign, PlanSection
from ipweek.campaigns.services.importing import create_campaign_from_draft, merge_draft_into_campaign
from ipweek.campaigns.tests.factories import CampaignFactory, UnitFactory, UserFactory
from ipweek.core.models import AuditEvent
from ipweek.plantext.draft import ActivityDraft, PlanDraft, SectionDraft
from ipweek.units.models import Region, Unit

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"


def plan_draft(**overrides):
    """A small plan of 辽源市 in 2018, shaped like seed 000."""
    values = {
        "kind": "plan",
        "genre": "ipweek",
        "year": 2018,
        "region": "辽源市",
        "issuer": "市科技局",
        "title": "2018年辽源市知识产权宣传周活动方案",
        "theme": "倡导创新文化 尊重知识产权",
        "start_date": "2018-04-20",
        "end_date": "2018-04-26",
        "sections": [
            SectionDraft(
                heading="",
                text="2018年辽源市知识产权宣传周活动方案\n为加强知识产权宣传普及，制定方案如下：",
                lines=[1, 3],
            ),
            SectionDraft(heading="指导思想", kind="guiding_ideology", text="深入贯彻新发展理念。\n营造良好氛围。"),
            SectionDraft(heading="宣传重点", kind="priorities", items=["宣传我市知识产权工作。", "宣传法律法规。"]),
            SectionDraft(heading="活动安排", kind="arrangements"),
        ],
        "activities": [
            ActivityDraft(
                title="启动我市知识产权宣传周活动",
                date_text="4月20日",
                start_date="2018-04-20",
                end_date="2018-04-20",
                lead_units=["市科技局"],
                description="举行启动仪式，发布宣传周主要活动安排。",
            ),
            ActivityDraft(
                title="开展相关知识产权培训活动",
                date_text="宣传周前后",
                lead_units=["市科技局"],
                support_units=["市教育局", "辽源袜业协会"],
                children=[
                    ActivityDraft(title="组织参加全省科技系统知识产权培训班", lead_units=["省科技厅"]),
                    ActivityDraft(
                        title="举办企业知识产权贯标工作培训班",
                        date_text="4月23日（暂定）",
                        time_text="下午3:00",
                        start_date="2018-04-23",
                    ),
                ],
            ),
            ActivityDraft(
                title="知识产权文艺晚会",
                date_text="4月26日",
                time_text="晚7:30",
                start_date="2018-04-26",
                venue="东方广场",
            ),
        ],
    }
    values.update(overrides)
    return PlanDraft(**values)


@pytest.fixture
def liaoyuan(db):
    return Region.objects.get(code="220400")


@pytest.fixture
def jilin(db):
    return Region.objects.get(code="220000")


@pytest.fixture
def guangxi(db):
    return Region.objects.get(code="450000")


@pytest.fixture
def kejiju(liaoyuan):
    return UnitFactory(name="辽源市科技局", region=liaoyuan, kind=Unit.Kind.IP_OFFICE)


@pytest.fixture
def jiaoyuju(liaoyuan):
    return UnitFactory(name="辽源市教育局", region=liaoyuan)


@pytest.fixture
def kejiting(jilin):
    return UnitFactory(name="吉林省科技厅", region=jilin)


@pytest.fixture
def importer(db):
    return UserFactory(username="importer")


def import_liaoyuan(draft, region, organiser, actor, **options):
    return create_campaign_from_draft(
        draft=draft, actor=actor, region=region, organiser=organiser, year=2018, level=region.level, **options
    )


# --- unit matching -------------------------------------------------------------------------------


def test_match_units_prefers_the_exact_name(liaoyuan, kejiju):
    (match,) = importing.match_units(["辽源市科技局"], region=liaoyuan)

    assert (match.unit, match.how) == (kejiju, "exact")


@pytest.mark.parametrize(
    "written", ["市科技局", "科技局", "辽源科技局", "辽源市 科技局", "辽源市科技局。", "辽源市科技局"]
)
def test_match_units_treats_the_city_prefix_as_optional(liaoyuan, kejiju, written):
    (match,) = importing.match_units([written], region=liaoyuan)

    assert match.unit == kejiju
    assert match.how in {"exact", "normalised"}


def test_match_units_keeps_a_name_that_starts_like_a_prefix(liaoyuan):
    market = UnitFactory(name="辽源市市场监督管理局", region=liaoyuan)

    matches = importing.match_units(["市场监督管理局", "市市场监督管理局"], region=liaoyuan)

    assert [match.unit for match in matches] == [market, market]


def test_match_units_spells_out_usual_short_forms(liaoyuan):
    market = UnitFactory(name="辽源市市场监督管理局", region=liaoyuan)
    court = UnitFactory(name="辽源市中级人民法院", region=liaoyuan, kind=Unit.Kind.COURT)

    matches = importing.match_units(["市市场监管局", "市中院"], region=liaoyuan)

    assert [(match.unit, match.how) for match in matches] == [(market, "normalised"), (court, "normalised")]


def test_match_units_finds_the_province_unit_by_its_generic_prefix(liaoyuan, kejiting, kejiju):
    (match,) = importing.match_units(["省科技厅"], region=liaoyuan)

    assert (match.unit, match.how) == (kejiting, "normalised")


@pytest.mark.parametrize("written", ["广西知识产权局", "自治区知识产权局", "广西壮族自治区知识产权局"])
def test_match_units_knows_province_short_names(guangxi, written):
    office = UnitFactory(name="广西壮族自治区知识产权局", region=guangxi, kind=Unit.Kind.IP_OFFICE)

    (match,) = importing.match_units([written], region=guangxi)

    assert match.unit == office


def test_match_units_reads_full_width_forms(guangxi):
    centre = UnitFactory(name="广西知识产权发展研究中心", region=guangxi)

    (match,) = importing.match_units(["广西知识产权发展研究中心　"], region=guangxi)

    assert (match.unit, match.how) == (centre, "exact")


def test_match_units_leaves_unknown_names_unmatched(liaoyuan, kejiju):
    (match,) = importing.match_units(["宣传周广西活动组委会"], region=liaoyuan)

    assert (match.unit, match.how, match.is_matched) == (None, None, False)


def test_match_units_ignores_units_of_other_regions(kejiju, db):
    nanning = Region.objects.get(code="450100")

    (match,) = importing.match_units(["市科技局"], region=nanning)

    assert match.unit is None


@pytest.mark.parametrize(
    ("name", "collective"),
    [("各成员单位", True), ("相关部门", True), ("市县区知识产权局", True), ("南宁市知识产权局", False),
     ("自治区商务厅", False)],
)  # fmt: skip
def test_is_collective_name_tells_groups_from_units(name, collective):
    assert importing.is_collective_name(name) is collective


@pytest.mark.parametrize(
    ("name", "short"),
    [("广西壮族自治区", "广西"), ("辽源市", "辽源"), ("吉林省", "吉林"), ("延边朝鲜族自治州", "延边"),
     ("黔东南苗族侗族自治州", "黔东南"), ("新疆维吾尔自治区", "新疆"), ("大兴安岭地区", "大兴安岭"),
     ("兴安盟", "兴安")],
)  # fmt: skip
def test_region_short_name_drops_the_administrative_suffix(name, short):
    assert importing.region_short_name(name) == short


@pytest.mark.parametrize(("written", "code"), [("辽源市", "220400"), ("辽源", "220400"), ("广西", "450000")])
def test_match_region_reads_full_and_short_names(db, written, code):
    assert importing.match_region(written).code == code


def test_match_region_gives_nothing_for_a_placeholder(db):
    assert importing.match_region("XX市") is None


# --- times and categories ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("9:30", dt.time(9, 30), None),
        ("上午9点", dt.time(9), None),
        ("下午3:00", dt.time(15), None),
        ("晚7:30", dt.time(19, 30), None),
        ("4月21日（暂定）上午9:30", dt.time(9, 30), None),
        ("上午九点半", dt.time(9, 30), None),
        ("中午12点", dt.time(12), None),
        ("下午2:30-4:30", dt.time(14, 30), dt.time(16, 30)),
        ("上午9时30分至11时", dt.time(9, 30), dt.time(11)),
        ("宣传周期间", None, None),
        ("4月20日", None, None),
        ("25:99", None, None),
    ],
)
def test_parse_time_reads_the_usual_ways_of_writing_a_time(text, start, end):
    assert importing.parse_time(text) == (start, end)


@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("举办宣传周广西活动启动仪式", "launch_ceremony"),
        ("开展相关知识产权培训活动", "training"),
        ("举办知识产权宣传服务广场日活动", "square_day"),
        ("开展专利执法专项行动", "enforcement"),
        ("电子商务领域知识产权保护", "ecommerce"),
        ("举办网上专利展", "patent_exhibition"),
        ("发布广西知识产权研究系列最新成果", "report_release"),
        ("召开宣传周新闻发布会", "press_briefing"),
        ("“创新改变生活”电视晚会", "gala"),
        ("知识产权进校园", "outreach_schools"),
        ("知识产权进企业宣讲", "outreach_enterprises"),
        ("知识产权进社区", "outreach_communities"),
        ("知识产权进机关", "outreach_agencies"),
        ("知识产权进商场", "outreach_malls"),
        ("知识产权进乡镇", "outreach_townships"),
        ("知识产权知识竞赛", "contest"),
        ("开展知识产权媒体宣传活动", "media_campaign"),
        ("组织广交会参展企业宣传", "other"),
    ],
)
def test_guess_category_reads_the_title(title, category):
    assert importing.guess_category(title) == category


# --- creating a campaign -------------------------------------------------------------------------


def test_create_campaign_from_draft_takes_title_theme_and_dates(liaoyuan, kejiju, importer):
    outcome = import_liaoyuan(plan_draft(), liaoyuan, kejiju, importer)

    campaign = outcome.campaign
    assert (campaign.title, campaign.theme, campaign.year) == (
        "2018年辽源市知识产权宣传周活动方案", "倡导创新文化 尊重知识产权", 2018)  # fmt: skip
    assert (campaign.start_date, campaign.end_date) == (dt.date(2018, 4, 20), dt.date(2018, 4, 26))
    assert (campaign.region, campaign.organiser, campaign.status) == (liaoyuan, kejiju, Campaign.Status.DRAFT)
    assert campaign.memberships.filter(user=importer, role="office_staff").exists()


def test_create_campaign_from_draft_falls_back_to_the_usual_week(liaoyuan, kejiju, importer):
    draft = plan_draft(title=None, theme=None, start_date=None, end_date=None)

    campaign = import_liaoyuan(draft, liaoyuan, kejiju, importer).campaign

    assert campaign.title == "2018年辽源市知识产权宣传周活动方案"
    assert (campaign.start_date, campaign.end_date) == (dt.date(2018, 4, 20), dt.date(2018, 4, 26))


def test_create_campaign_from_draft_keeps_sections_in_order_with_their_items(liaoyuan, kejiju, importer):
    campaign = import_liaoyuan(plan_draft(), liaoyuan, kejiju, importer).campaign

    sections = list(campaign.sections.order_by("position"))
    assert [(s.heading, s.kind) for s in sections] == [
        ("前言", "other"), ("指导思想", "guiding_ideology"), ("宣传重点", "priorities"), ("活动安排", "arrangements"),
    ]  # fmt: skip
    assert sections[0].body == "<p>为加强知识产权宣传普及，制定方案如下：</p>"
    assert sections[1].body == "<p>深入贯彻新发展理念。</p><p>营造良好氛围。</p>"
    assert [item.body for item in sections[2].items.order_by("position")] == [
        "宣传我市知识产权工作。",
        "宣传法律法规。",
    ]


def test_create_campaign_from_draft_saves_activities_with_children(liaoyuan, kejiju, importer):
    campaign = import_liaoyuan(plan_draft(), liaoyuan, kejiju, importer).campaign

    training = campaign.activities.get(title="开展相关知识产权培训活动")
    assert campaign.activities.count() == 5
    assert [child.title for child in training.children.order_by("position")] == [
        "组织参加全省科技系统知识产权培训班", "举办企业知识产权贯标工作培训班"]  # fmt: skip
    assert (training.category, training.date_text, training.start_date) == ("training", "宣传周前后", None)


def test_create_campaign_from_draft_reads_times_and_tentative_dates(liaoyuan, kejiju, importer):
    campaign = import_liaoyuan(plan_draft(), liaoyuan, kejiju, importer).campaign

    course = campaign.activities.get(title="举办企业知识产权贯标工作培训班")
    gala = campaign.activities.get(title="知识产权文艺晚会")
    launch = campaign.activities.get(title="启动我市知识产权宣传周活动")
    assert (course.start_date, course.start_time, course.is_tentative) == (dt.date(2018, 4, 23), dt.time(15), True)
    assert (gala.start_time, gala.venue, gala.category, gala.is_tentative) == (
        dt.time(19, 30),
        "东方广场",
        "gala",
        False,
    )
    assert (launch.category, launch.end_date) == ("launch_ceremony", dt.date(2018, 4, 20))


def test_create_campaign_from_draft_assigns_matched_units(liaoyuan, kejiju, jiaoyuju, kejiting, importer):
    campaign = import_liaoyuan(plan_draft(), liaoyuan, kejiju, importer, co_organisers={"市教育局"}).campaign

    training = campaign.activities.get(title="开展相关知识产权培训活动")
    roles = [(role.unit, role.role) for role in training.unit_roles.order_by("position")]
    assert roles == [(kejiju, ActivityUnit.Role.LEAD), (jiaoyuju, ActivityUnit.Role.CO_ORGANISER)]
    province_course = campaign.activities.get(title="组织参加全省科技系统知识产权培训班")
    assert [role.unit for role in province_course.unit_roles.all()] == [kejiting]


def test_create_campaign_from_draft_writes_unmatched_units_into_the_description(liaoyuan, kejiju, importer):
    campaign = import_liaoyuan(plan_draft(), liaoyuan, kejiju, importer).campaign

    training = campaign.activities.get(title="开展相关知识产权培训活动")
    assert "（未匹配单位：市教育局（配合）、辽源袜业协会（配合））" in training.description
    assert Unit.objects.filter(name="辽源袜业协会").count() == 0


def test_create_campaign_from_draft_creates_only_the_ticked_units(liaoyuan, kejiju, importer):
    outcome = import_liaoyuan(plan_draft(), liaoyuan, kejiju, importer, create_units={"辽源袜业协会"})

    created = Unit.objects.get(name="辽源袜业协会")
    training = outcome.campaign.activities.get(title="开展相关知识产权培训活动")
    assert (created.region, created.kind) == (liaoyuan, Unit.Kind.MEMBER)
    assert outcome.created_units == [created]
    assert training.unit_roles.filter(unit=created, role=ActivityUnit.Role.SUPPORTING).exists()
    assert "市教育局（配合）" in training.description and "辽源袜业协会" not in training.description


def test_create_campaign_from_draft_writes_the_audit_trail(liaoyuan, kejiju, importer):
    campaign = import_liaoyuan(plan_draft(), liaoyuan, kejiju, importer).campaign

    actions = set(AuditEvent.objects.filter(campaign_id=campaign.pk).values_list("action", flat=True))
    assert {"campaign.created", "section.added", "item.added", "activity.created", "campaign.imported"} <= actions


def test_create_campaign_from_draft_saves_nothing_when_one_activity_is_wrong(liaoyuan, kejiju, importer):
    draft = plan_draft()
    draft.activities[2].title = "   "

    with pytest.raises(ValidationError) as error:
        import_liaoyuan(draft, liaoyuan, kejiju, importer)

    assert "activities.4.title" in error.value.message_dict
    assert Campaign.objects.count() == 0
    assert Activity.objects.count() == 0


def test_create_campaign_from_draft_reports_a_duplicate_campaign_on_the_year(liaoyuan, kejiju, importer):
    CampaignFactory(year=2018, region=liaoyuan, organiser=kejiju)

    with pytest.raises(ValidationError) as error:
        import_liaoyuan(plan_draft(), liaoyuan, kejiju, importer)

    assert "year" in error.value.message_dict
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize("kind", ["summary", "news"])
def test_create_campaign_from_draft_refuses_a_report_unless_allowed(liaoyuan, kejiju, importer, kind):
    with pytest.raises(ValidationError) as error:
        import_liaoyuan(plan_draft(kind=kind), liaoyuan, kejiju, importer)

    assert "confirm_report" in error.value.message_dict
    assert Campaign.objects.count() == 0
    assert import_liaoyuan(plan_draft(kind=kind), liaoyuan, kejiju, importer, allow_report=True).activities == 5


def test_create_campaign_from_draft_drops_dates_of_another_year_but_keeps_the_phrase(liaoyuan, kejiju, importer):
    draft = plan_draft()
    draft.activities[0].start_date = draft.activities[0].end_date = "2017-04-20"

    campaign = import_liaoyuan(draft, liaoyuan, kejiju, importer).campaign

    launch = campaign.activities.get(title="启动我市知识产权宣传周活动")
    assert (launch.start_date, launch.date_text) == (None, "4月20日")


def test_create_campaign_from_draft_adds_an_arrangements_section_for_the_activities(liaoyuan, kejiju, importer):
    draft = plan_draft(sections=[SectionDraft(heading="活动主题", kind="theme", text="倡导创新文化")])

    campaign = import_liaoyuan(draft, liaoyuan, kejiju, importer).campaign

    assert campaign.sections.filter(kind=PlanSection.Kind.ARRANGEMENTS, heading="活动安排").exists()


def test_create_campaign_from_draft_keeps_what_does_not_fit_a_field(liaoyuan, kejiju, importer):
    long_title = "举办" + "知识产权" * 60
    draft = plan_draft(activities=[ActivityDraft(title=long_title, date_text="宣传周期间")])

    campaign = import_liaoyuan(draft, liaoyuan, kejiju, importer).campaign

    activity = campaign.activities.get()
    assert len(activity.title) == 200
    assert long_title in activity.description


def test_create_campaign_from_draft_exports_every_activity(liaoyuan, kejiju, importer):
    from ipweek.documents.exporters import export_plan

    campaign = import_liaoyuan(plan_draft(), liaoyuan, kejiju, importer).campaign

    content, _type, _name = export_plan(campaign, "docx")
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)
    for activity, _depth in importing.walk_activities(plan_draft().activities):
        assert activity.title in text


# --- merging -------------------------------------------------------------------------------------


def test_merge_draft_into_campaign_appends_sections_and_activities(liaoyuan, kejiju, importer):
    campaign = CampaignFactory(year=2018, region=liaoyuan, organiser=kejiju, title="原有方案")
    old = Activity.objects.create(campaign=campaign, title="原有活动", position=1)
    PlanSection.objects.create(campaign=campaign, heading="宣传重点", kind="priorities", position=1)

    outcome = merge_draft_into_campaign(draft=plan_draft(), campaign=campaign, actor=importer)

    campaign.refresh_from_db()
    assert campaign.title == "原有方案"
    assert campaign.activities.order_by("position", "pk").first() == old
    assert campaign.activities.count() == 6
    assert campaign.sections.filter(heading="宣传重点").count() == 1
    assert campaign.sections.get(heading="宣传重点").items.count() == 2
    assert outcome.activities == 5


def test_merge_draft_into_campaign_refuses_a_closed_campaign(liaoyuan, kejiju, importer):
    campaign = CampaignFactory(year=2018, region=liaoyuan, organiser=kejiju, status=Campaign.Status.CLOSED)

    with pytest.raises(ValidationError) as error:
        merge_draft_into_campaign(draft=plan_draft(), campaign=campaign, actor=importer)

    assert "campaign" in error.value.message_dict
    assert campaign.activities.count() == 0


def test_merge_draft_into_an_issued_campaign_needs_lead_units(liaoyuan, kejiju, importer):
    campaign = CampaignFactory(year=2018, region=liaoyuan, organiser=kejiju, status=Campaign.Status.ISSUED)

    with pytest.raises(ValidationError) as error:
        merge_draft_into_campaign(draft=plan_draft(), campaign=campaign, actor=importer)

    assert list(error.value.message_dict) == ["activities.2.lead_units"]  # the first without a lead unit
    assert campaign.activities.count() == 0


# --- the seeds, through the real reader ----------------------------------------------------------


def reader():
    plantext = pytest.importorskip("ipweek.plantext")
    if not hasattr(plantext, "read_plan"):
        pytest.skip("ipweek.plantext has no reader yet")
    return plantext


def test_seed_003_imports_into_a_campaign_whose_docx_lists_every_activity(importer, guangxi):
    from ipweek.documents.exporters import export_plan

    plantext = reader()
    seed = SEEDS / "003_35cc8f679fb33b6b.txt"
    if not seed.exists():
        pytest.skip("../shared/seeds is not here")
    draft = plantext.read_plan(seed.read_bytes(), seed.name)
    office = UnitFactory(name="广西壮族自治区知识产权局", region=guangxi, kind=Unit.Kind.IP_OFFICE)

    outcome = create_campaign_from_draft(
        draft=draft, actor=importer, region=guangxi, organiser=office, year=draft.year or 2017, level="province"
    )

    content, _type, _name = export_plan(outcome.campaign, "docx")
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)
    titles = [activity.title for activity, _depth in importing.walk_activities(draft.activities)]
    assert len(titles) >= 11
    assert [title for title in titles if title[:200] not in text] == []
    assert outcome.campaign.year == 2017
