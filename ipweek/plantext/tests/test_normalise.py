"""Cleaning lines for people and keying them for rules."""

from __future__ import annotations

import pytest

from ipweek.plantext.normalise import build_lines, clean_text, has_traditional, make_key, split_lines


def test_split_lines_treats_crlf_and_cr_as_breaks_only():
    text = "一\r\n二\r三\n四\u2028五\x0c六"

    parts = split_lines(text)

    assert parts == ["一", "二", "三", "四\u2028五\x0c六"]


def test_build_lines_numbers_non_blank_lines_from_one():
    lines = build_lines("标题\n\n　\n正文")

    assert [(line.number, line.clean) for line in lines] == [(1, "标题"), (4, "正文")]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("普及科學知識(shí)，提高素質(zhì)", "普及科學知識，提高素質"),
        ("@@宣传我县花木产业@@", "宣传我县花木产业"),
        ("根据宿迁市知识产权局??????统一部署", "根据宿迁市知识产权局统一部署"),
        ("## 一、活动主题", "一、活动主题"),
        ("**知识产权与人工智能**", "知识产权与人工智能"),
        ("*（内容待补充）*", "（内容待补充）"),
        ("> 来源：厦门市", "来源：厦门市"),
        ("[size=2]活动[/size]时间", "活动时间"),
        ("　六、几点要求", "六、几点要求"),
        ("2 0 2 0 年 4 月 2 0 日 至 2 6 日", "2020年4月20日至26日"),
        ("方案如下：3 L5 ^$ x' Z", "方案如下："),
    ],
)
def test_clean_text_removes_noise_and_keeps_the_script(raw, clean):
    result = clean_text(raw)

    assert result == clean


def test_clean_text_keeps_question_marks_between_digits():
    result = clean_text("4月21??23日，县科技局")

    assert result == "4月21??23日，县科技局"


def test_clean_text_keeps_a_single_space_inside_a_theme():
    result = clean_text("创新创造改变生活  知识产权竞争未来")

    assert result == "创新创造改变生活 知识产权竞争未来"


def test_make_key_maps_width_dashes_dots_quotes_and_traditional_characters():
    key = make_key("（一）活動時間：4月20日—26日，“4•26”")

    assert key == '(一)活动时间:4月20日-26日,"4·26"'


@pytest.mark.parametrize("text", ["（一）活動時間：4月20日", "知識(shí)產權", "2 0 2 0 年"])
def test_make_key_keeps_the_length_of_the_clean_text(text):
    clean = clean_text(text)

    assert len(make_key(clean)) == len(clean)


def test_has_traditional_notices_traditional_script():
    assert has_traditional("科技活動週")
    assert not has_traditional("科技活动周")


def test_a_very_long_line_is_kept_verbatim_and_keyed_only_at_its_head():
    raw = "活动" * 60_000

    line = build_lines(raw)[0]

    assert line.clean == raw
    assert len(line.key) == 4000
