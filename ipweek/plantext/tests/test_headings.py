"""Section headings: numbered, unnumbered, fused with their value, in either script."""

from __future__ import annotations

import pytest

from ipweek.plantext.headings import choose_section_style, heading_of
from ipweek.plantext.normalise import build_lines


def heading(text: str, style: str | None = "cjk", *, in_arrangements: bool = False):
    line = build_lines(text)[0]
    found = heading_of(line, style, in_arrangements=in_arrangements)
    if found is None:
        return None
    value = line.clean[found.value_start :] if found.value_start is not None else None
    return found.title(line), found.kind, value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、指导思想", ("指导思想", "guiding_ideology", None)),
        ("二、活动时间:2017年4月20日至26日", ("活动时间", "time", "2017年4月20日至26日")),
        ("一、活動時間5月15日", ("活動時間", "time", "5月15日")),
        ("三、活动主题：倡导创新文化 尊重知识产权", ("活动主题", "theme", "倡导创新文化 尊重知识产权")),
        ("四、工作要求:", ("工作要求", "requirements", None)),
        ("五、具体安排及工作要求", ("具体安排及工作要求", "arrangements", None)),
        ("三、系列活动内容", ("系列活动内容", "arrangements", None)),
        ("二、组织机构", ("组织机构", "organisation", None)),
        ("三、宣传内容", ("宣传内容", "priorities", None)),
        ("五、各市活动", ("各市活动", "other", None)),
    ],
)
def test_numbered_headings_give_title_kind_and_fused_value(text, expected):
    assert heading(text) == expected


def test_unnumbered_heading_on_its_own_line():
    assert heading("活动主题", None) == ("活动主题", "theme", None)


def test_unnumbered_heading_fused_with_a_colon():
    assert heading("活动时间：2018年4月20日至26日", None) == ("活动时间", "time", "2018年4月20日至26日")


def test_activity_labels_inside_arrangements_are_not_headings():
    assert heading("时间：4月20日上午10:00", None, in_arrangements=True) is None
    assert heading("地点：南昌市", None, in_arrangements=True) is None


def test_a_short_keyword_must_stand_alone():
    assert heading("一、主题活动安排") == ("主题活动安排", "arrangements", None)
    assert heading("一、主题班会") == ("主题班会", "other", None)


def test_lines_of_another_numbering_style_are_not_section_headings():
    assert heading("（一）宣传重点", "cjk") is None


def test_choose_section_style_prefers_the_style_that_opens_with_keywords():
    lines = build_lines("一、活动主题\n创新\n二、活动时间\n4月\n（一）启动仪式\n（二）工作要求")

    assert choose_section_style(lines) == "cjk"


def test_choose_section_style_leaves_unnumbered_headings_alone():
    lines = build_lines("指导思想\n正文\n活动主题\n创新\n具体安排及工作要求\n（一）宣讲\n（五）工作要求")

    assert choose_section_style(lines) is None
