"""Activities: titles, children, dates, times and venues inside an arrangements section."""

from __future__ import annotations

from ipweek.plantext import parse_plan

HEAD = "2018年某市知识产权宣传周活动方案\n一、活动安排\n"


def activities_of(body: str):
    return parse_plan(HEAD + body).activities


def test_title_fused_with_text_is_the_text_before_the_first_full_stop():
    (activity,) = activities_of("1.召开知识产权工作会议。4月20日下午2时，在县行政中心一号会议室召开会议。")

    assert activity.title == "召开知识产权工作会议"
    assert (activity.date_text, activity.time_text) == ("4月20日", "下午2时")
    assert activity.venue == "县行政中心一号会议室"


def test_title_drops_a_trailing_unit_parenthesis():
    (activity,) = activities_of("（一）举办启动仪式（市知识产权局、市科技局）\n4月20日，在市民广场举行。")

    assert activity.title == "举办启动仪式"
    assert activity.lead_units == ["市知识产权局", "市科技局"]


def test_numbered_lines_inside_an_activity_are_children():
    (activity,) = activities_of(
        "（一）知识产权系列培训\n1.执法培训。4月21日，市知识产权局举办培训班。\n2.预审培训。4月25日，市保护中心举办培训。"
    )

    assert activity.date_text is None
    assert [child.title for child in activity.children] == ["执法培训", "预审培训"]
    assert activity.children[0].lead_units == ["市知识产权局"]
    assert activity.children[1].lines == [5]


def test_label_bullets_are_fields_not_children():
    (activity,) = activities_of(
        "（一）宣传周启动活动\n- 时间：4月21日上午9:30\n- 地点：国际会议中心\n- 主办：市知识产权局\n- 承办：市保护中心"
    )

    assert activity.children == []
    assert (activity.date_text, activity.time_text, activity.venue) == ("4月21日", "上午9:30", "国际会议中心")
    assert (activity.lead_units, activity.support_units) == (["市知识产权局"], ["市保护中心"])


def test_yi_shi_er_shi_enumeration_splits_into_children():
    (activity,) = activities_of(
        "1.开展培训活动。\n宣传周前后，我市举办培训。一是举办企业贯标培训班。二是举办专利代理培训班。"
    )

    assert [child.title for child in activity.children] == ["举办企业贯标培训班", "举办专利代理培训班"]
    assert all(child.lines == [] for child in activity.children)
    assert activity.lines == [3, 4]


def test_semicolon_clauses_split_only_when_they_name_places():
    (split,) = activities_of("1.宣传活动\n宣传周期间，在市图书馆举办展览；在人民广场设立咨询台。")
    (kept,) = activities_of("1.执法行动\n宣传周期间，开展专利执法检查；与市场监管部门共同开展维权工作。")

    assert [child.venue for child in split.children] == ["市图书馆", "人民广场"]
    assert kept.children == []


def test_activity_title_that_is_a_section_keyword_ends_the_activity_list():
    text = "（一）专题宣讲\n4月20日，区知识产权局举办宣讲会。\n（二）工作要求\n各单位要落实防控措施。"

    activities = activities_of(text)

    assert [a.title for a in activities] == ["专题宣讲"]


def test_vague_dates_keep_their_text_and_no_iso_dates():
    (activity,) = activities_of("（一）广场宣传\n宣传周期间，在市民广场开展宣传咨询。")

    assert (activity.date_text, activity.start_date, activity.end_date) == ("宣传周期间", None, None)
    assert activity.venue == "市民广场"
