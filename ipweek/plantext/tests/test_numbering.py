"""Item numbers at the start of a line."""

from __future__ import annotations

import pytest

from ipweek.plantext.normalise import make_key
from ipweek.plantext.numbering import cjk_number, numbering_of


@pytest.mark.parametrize(
    ("line", "style", "value"),
    [
        ("一、指导思想", "cjk", 1),
        ("十一、其他", "cjk", 11),
        ("叁、主要活动", "cjk", 3),
        ("一,活动时间", "cjk", 1),
        ("（一）举办启动仪式", "paren_cjk", 1),
        ("(十)开展媒体宣传", "paren_cjk", 10),
        ("1. 启动仪式", "digit", 1),
        ("5、举办展览", "digit", 5),
        ("⒍开展知识产权进机关", "digit", 6),
        ("（3）开展咨询", "paren_digit", 3),
        ("⑵开展质量宣传咨询日活动", "paren_digit", 2),
        ("2）进社区", "paren_digit", 2),
        ("③专题讲座", "circled", 3),
        ("第二部分 活动安排", "ordinal", 2),
        ("活动一：知识竞赛", "named", 1),
        ("- 宣传新政策", "bullet", None),
    ],
)
def test_numbering_of_reads_style_and_value(line, style, value):
    numbering = numbering_of(make_key(line))

    assert numbering is not None
    assert (numbering.style, numbering.value) == (style, value)


@pytest.mark.parametrize(
    "line", ["4.26世界知识产权日当天", "2018年4月20日", "9:30开始", "12330热线", "一是提高认识", "第一次会议"]
)
def test_numbering_of_ignores_numbers_that_are_not_item_numbers(line):
    assert numbering_of(make_key(line)) is None


def test_numbering_end_points_after_the_separator():
    numbering = numbering_of(make_key("（一） 举办启动仪式"))

    assert numbering is not None
    assert make_key("（一） 举办启动仪式")[numbering.end :] == "举办启动仪式"


@pytest.mark.parametrize(
    ("token", "value"), [("十", 10), ("十九", 19), ("二十", 20), ("二十六", 26), ("二〇一八", 2018)]
)
def test_cjk_number_reads_chinese_numerals(token, value):
    assert cjk_number(token) == value
