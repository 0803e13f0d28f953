"""Dates, date phrases and times as plans write them."""

from __future__ import annotations

import pytest

from ipweek.plantext.dates import (
    date_of_line,
    find_date_phrase,
    find_explicit_date,
    find_time,
    has_year_placeholder,
    resolve,
    year_of,
)
from ipweek.plantext.normalise import make_key


def phrase_of(text: str):
    key = make_key(text)
    phrase = find_date_phrase(key)
    assert phrase is not None, text
    return text[phrase.start : phrase.end], resolve(phrase, 2018)


@pytest.mark.parametrize(
    ("text", "as_written", "dates"),
    [
        ("2018年4月20日至26日。", "2018年4月20日至26日", ("2018-04-20", "2018-04-26")),
        ("4月20日-26日", "4月20日-26日", ("2018-04-20", "2018-04-26")),
        ("4月20—26日", "4月20—26日", ("2018-04-20", "2018-04-26")),
        ("2022年4月20日至2022年4月26日", "2022年4月20日至2022年4月26日", ("2022-04-20", "2022-04-26")),
        ("4月20日至5月3日", "4月20日至5月3日", ("2018-04-20", "2018-05-03")),
        ("4月21日（暂定）上午9:30在", "4月21日（暂定）", ("2018-04-21", "2018-04-21")),
        ("4月26日（周一）升旗仪式上", "4月26日（周一）", ("2018-04-26", "2018-04-26")),
        ("4月20上午9点，在", "4月20", ("2018-04-20", "2018-04-20")),
        ("4月21??23日，县科技局", "4月21??23日", ("2018-04-21", "2018-04-23")),
        ("“4•26”世界知识产权日当天，在", "“4•26”世界知识产权日当天", ("2018-04-26", "2018-04-26")),
        ("4·26世界知识产权日当天，在", "4·26世界知识产权日当天", ("2018-04-26", "2018-04-26")),
        ("五月十九日上午", "五月十九日", ("2018-05-19", "2018-05-19")),
    ],
)
def test_date_phrases_are_found_as_written_and_resolved(text, as_written, dates):
    assert phrase_of(text) == (as_written, dates)


@pytest.mark.parametrize(
    "text",
    ["宣传周期间", "宣传周前后", "宣传周前", "科技活動週期間", "4月中旬", "9月份", "适时", "启动仪式结束后", "X月X日"],
)
def test_vague_phrases_have_no_dates(text):
    as_written, dates = phrase_of(text + "，开展活动")

    assert as_written == text
    assert dates == (None, None)


def test_resolve_needs_a_year():
    phrase = find_date_phrase(make_key("4月26日"))

    assert phrase is not None
    assert resolve(phrase, None) == (None, None)


def test_resolve_refuses_impossible_dates():
    phrase = find_date_phrase(make_key("2月30日"))

    assert phrase is not None
    assert resolve(phrase, 2018) == (None, None)


def test_find_explicit_date_can_insist_on_a_range():
    key = make_key("4月20日上午启动。4月20日至26日宣传周期间")

    phrase = find_explicit_date(key, range_only=True)

    assert phrase is not None
    assert (phrase.day, phrase.end_day) == (20, 26)


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("4月21日上午9:30在", "上午9:30"),
        ("4月26日上午9点，在", "上午9点"),
        ("晚7:30举行", "晚7:30"),
        ("下午2时，在县行政中心", "下午2时"),
        ("9:00-11:30举办", "9:00-11:30"),
        ("下午15:00", "下午15:00"),
    ],
)
def test_find_time_reads_clock_times(text, time):
    key = make_key(text)

    span = find_time(key)

    assert span is not None
    assert text[span[0] : span[1]] == time


@pytest.mark.parametrize("text", ["几点要求", "第3点", "1.5万元", "共12330件"])
def test_find_time_ignores_numbers_that_are_not_times(text):
    assert find_time(make_key(text)) is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2018年4月10日", "2018-04-10"),
        ("二〇一二年五月八日", "2012-05-08"),
        ("2017 4 12", "2017-04-12"),
        ("2011年4月", None),
    ],
)
def test_date_of_line_reads_signature_dates(line, iso):
    assert date_of_line(make_key(line)) == iso


def test_year_of_and_placeholders():
    assert year_of(make_key("2018年辽源市知识产权宣传周")) == 2018
    assert year_of(make_key("二〇一二年")) == 2012
    assert has_year_placeholder(make_key("XX市20xx年知识产权宣传周活动方案"))
    assert not has_year_placeholder(make_key("2018年活动方案"))
