"""Plans, summaries, news; and the campaign family."""

from __future__ import annotations

import pytest

from ipweek.plantext import parse_plan
from ipweek.plantext.classify import classify, genre_of
from ipweek.plantext.normalise import make_key


def test_a_summary_title_makes_a_summary_with_the_reason():
    result = classify(make_key("2010年知识产权宣传周活动总结"), "", has_structure=True, is_notice=False)

    assert result.kind == "summary"
    assert "总结" in result.reason


def test_past_tense_and_figures_make_a_summary_without_a_title():
    text = make_key(
        "宣传周期间，共发放宣传资料500余份，接待群众咨询近200人次，受理投诉12件，开展了广场宣传，取得了良好效果。"
    )

    result = classify(None, text, has_structure=False, is_notice=False)

    assert result.kind == "summary"
    assert "统计数字" in result.reason


def test_news_markers_make_news():
    text = make_key("本报讯（记者 王明 通讯员 李华）近日，我市举行知识产权宣传周启动仪式。")

    result = classify(make_key("我市启动知识产权宣传周"), text, has_structure=False, is_notice=False)

    assert result.kind == "news"
    assert "新闻" in result.reason


def test_a_plan_that_quotes_a_planned_figure_is_still_a_plan():
    text = make_key("4月26日，计划发放宣传资料2000余份，将组织专家现场解答。")

    result = classify(make_key("2017年知识产权宣传周活动方案"), text, has_structure=True, is_notice=False)

    assert result.kind == "plan"


def test_text_without_any_plan_shape_is_other():
    result = classify(None, make_key("今天天气很好。"), has_structure=False, is_notice=False)

    assert result.kind == "other"
    assert result.reason


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("2018年知识产权宣传周活动方案", "ipweek"),
        ("2012年科技活動週活動方案", "scitech_week"),
        ("2027年国家网络安全宣传周活动方案", "cybersecurity_week"),
        ("2011年“质量月”活动实施方案", "quality_month"),
        ("2026年食品安全宣传周活动方案", "other"),
    ],
)
def test_genre_from_the_title(title, genre):
    assert genre_of(make_key(title), "") == genre


def test_genre_from_the_text_when_the_title_is_silent():
    assert genre_of(None, make_key("围绕“4·26”世界知识产权日开展宣传")) == "ipweek"


def test_a_summary_document_is_refused_with_its_reason_in_warnings():
    draft = parse_plan("某市2019年知识产权宣传周工作总结\n一、基本情况\n共发放资料500余份，接待咨询近300人次。")

    assert draft.kind == "summary"
    assert any("总结" in warning for warning in draft.warnings)
