"""The two shared seeds read as the issue describes them."""

from __future__ import annotations

from ipweek.plantext import parse_plan
from ipweek.plantext.checks import accounted_lines


def test_seed_000_reads_title_year_region_theme_and_dates(seed_000):
    draft = parse_plan(seed_000)

    assert draft.kind == "plan"
    assert draft.genre == "ipweek"
    assert draft.title == "2018年辽源市知识产权宣传周活动方案"
    assert (draft.year, draft.region) == (2018, "辽源市")
    assert draft.theme == "倡导创新文化 尊重知识产权"
    assert (draft.start_date, draft.end_date) == ("2018-04-20", "2018-04-26")
    assert draft.issuer == "市科技局"


def test_seed_000_sections_in_order(seed_000):
    draft = parse_plan(seed_000)

    headings = [(section.heading, section.kind) for section in draft.sections]

    assert headings == [
        ("", "other"),
        ("指导思想", "guiding_ideology"),
        ("活动时间", "time"),
        ("活动主题", "theme"),
        ("宣传重点", "priorities"),
        ("活动安排", "arrangements"),
        ("几点要求", "requirements"),
    ]
    assert len(draft.priorities) == 5
    assert len(draft.requirements) == 4


def test_seed_000_six_activities_with_dates_as_written(seed_000):
    draft = parse_plan(seed_000)

    activities = draft.activities

    assert [a.title for a in activities] == [
        "启动我市知识产权宣传周活动",
        "开展相关知识产权培训活动",
        "开展形式多样宣传活动",
        "开展专利执法专项行动",
        "举办专利成果网上展",
        "开展知识产权进机关、进企业和进校园活动",
    ]
    assert (activities[0].date_text, activities[0].start_date) == ("4月20日", "2018-04-20")
    assert activities[1].date_text == "宣传周前后"
    assert (activities[2].date_text, activities[2].start_date) == ("宣传周期间", None)
    assert activities[4].venue == "辽源专利信息服务网"


def test_seed_000_training_children_come_from_yi_shi_er_shi(seed_000):
    draft = parse_plan(seed_000)

    trainings = draft.activities[1].children

    assert len(trainings) == 3
    assert trainings[0].lead_units == ["省科技厅"]
    assert trainings[1].title == "举办企业知识产权贯标工作培训班"


def test_seed_000_publicity_children_each_have_their_venue(seed_000):
    draft = parse_plan(seed_000)

    publicity = draft.activities[2].children

    assert [child.venue for child in publicity] == [
        "辽源市专利信息服务网",
        "辽源市专利工作QQ群",
        "国家级知识产权保护规范化培育市场东北袜业纺织工业园",
        "东方广场",
    ]
    assert publicity[3].date_text == "“4•26”世界知识产权日当天"
    assert publicity[3].start_date == "2018-04-26"


def test_seed_000_loses_no_line(seed_000):
    draft = parse_plan(seed_000)

    assert accounted_lines(draft, seed_000) == ([], [])


def test_seed_003_reads_year_region_theme_dates_and_issuer(seed_003):
    draft = parse_plan(seed_003)

    assert draft.kind == "plan"
    assert (draft.year, draft.region) == (2017, "广西")
    assert draft.theme == "创新创造改变生活 知识产权竞争未来"
    assert (draft.start_date, draft.end_date) == ("2017-04-20", "2017-04-26")
    assert draft.issuer == "宣传周广西活动组委会"
    assert [s.heading for s in draft.sections] == ["", "活动主题", "活动时间", "宣传重点", "活动内容", "有关要求"]


def test_seed_003_eleven_activities(seed_003):
    draft = parse_plan(seed_003)

    titles = [activity.title for activity in draft.activities]

    assert len(titles) == 11
    assert titles[0] == "举办宣传周广西活动启动仪式"
    assert titles[-1] == "各市活动"


def test_seed_003_launch_has_date_time_venue_and_units_as_written(seed_003):
    draft = parse_plan(seed_003)

    launch = draft.activities[0]

    assert "4月21日（暂定）" in launch.date_text
    assert launch.start_date == "2017-04-21"
    assert launch.time_text == "上午9:30"
    assert launch.venue == "南宁·中关村双创示范基地"
    assert launch.lead_units == ["宣传周广西活动组委会", "南宁市人民政府"]
    assert launch.support_units == ["南宁高新技术产业开发区管理委员会", "南宁市知识产权局", "广西知识产权发展研究中心"]


def test_seed_003_launch_exhibition_area_is_a_child_with_its_own_lead(seed_003):
    draft = parse_plan(seed_003)

    exhibition = draft.activities[0].children

    assert len(exhibition) == 1
    assert exhibition[0].lead_units == ["自治区知识产权局"]
    assert exhibition[0].support_units == ["各成员单位"]


def test_seed_003_lead_units_given_as_sentence_subjects(seed_003):
    draft = parse_plan(seed_003)

    activities = draft.activities

    assert activities[2].lead_units == ["各市知识产权局"]
    assert activities[3].lead_units == ["自治区知识产权局"]
    assert activities[3].support_units == ["市县区知识产权局"]
    assert activities[5].lead_units == ["自治区新闻出版广电局", "广西民族大学"]
    assert activities[5].venue == "广西电视台"
    assert activities[6].lead_units == ["自治区商务厅"]
    assert activities[7].lead_units == ["广西贸促会"]


def test_seed_003_training_item_has_six_children_with_their_leads(seed_003):
    draft = parse_plan(seed_003)

    children = draft.activities[8].children

    assert [child.lead_units for child in children] == [
        ["自治区知识产权局"],
        ["广西出入境检验检疫局"],
        ["自治区公安厅经侦总队"],
        ["自治区林业厅"],
        ["南宁海关"],
        ["中国人民银行南宁中心支行"],
    ]
    assert draft.activities[8].lead_units == []


def test_seed_003_date_texts_as_written(seed_003):
    draft = parse_plan(seed_003)

    date_texts = [activity.date_text for activity in draft.activities]

    assert date_texts[1] == "宣传周前"
    assert date_texts[2:6] == ["宣传周期间"] * 4
    assert date_texts[6] is None


def test_seed_003_loses_no_line(seed_003):
    draft = parse_plan(seed_003)

    assert accounted_lines(draft, seed_003) == ([], [])


def test_seed_003_publication_channel_is_not_a_venue(seed_003):
    release = parse_plan(seed_003).activities[1]

    assert release.title == "发布广西知识产权研究系列最新成果"
    assert release.venue is None
