"""Whole documents: cover notices, chrome, placeholders, tables, odd layouts, and the never-raises contract."""

from __future__ import annotations

import json
import time

import pytest

from ipweek.plantext import PlanDraft, parse_plan
from ipweek.plantext import parser as parser_module
from ipweek.plantext.checks import accounted_lines

NOTICE = """\
海南省知识产权局文件
琼知发〔2022〕5号
海南省知识产权局关于印发《2022年海南省知识产权宣传周活动方案》的通知
各市知识产权局，省直有关单位：
现将《2022年海南省知识产权宣传周活动方案》印发给你们，请认真组织实施。
附件：2022年海南省知识产权宣传周活动方案
海南省知识产权局
2022年4月8日
（此件主动公开）
附件
2022年海南省知识产权宣传周活动方案
一、活动时间
2022年4月20日至26日
二、主要活动
（一）启动仪式
4月20日上午9:30，在省科技馆举行启动仪式。（省知识产权局）
三、工作要求
各单位要高度重视。
联系人：张三，电话：0771-1234567
"""


def test_cover_notice_wrapping_a_plan():
    draft = parse_plan(NOTICE)

    assert draft.kind == "notice_with_plan"
    assert draft.title == "2022年海南省知识产权宣传周活动方案"
    assert draft.doc_number == "琼知发〔2022〕5号"
    assert draft.issuer == "海南省知识产权局"
    assert draft.attachments == ["2022年海南省知识产权宣传周活动方案"]
    assert draft.signed_date == "2022-04-08"
    assert [s.heading for s in draft.sections] == ["", "活动时间", "主要活动", "工作要求"]
    assert draft.contacts[0].name == "张三"
    assert draft.contacts[0].phone == "0771-1234567"


def test_cover_notice_lines_stay_in_the_preamble():
    draft = parse_plan(NOTICE)

    preamble = draft.sections[0]

    assert preamble.lines == list(range(1, 12))
    assert accounted_lines(draft, NOTICE) == ([], [])


def test_page_markers_and_disclaimers_go_to_unparsed_with_a_warning():
    text = "\n".join(
        [
            "2016年某区知识产权宣传周活动方案",
            "一、活动主题",
            "创新",
            "第 1 页 共 3 页",
            "— 2 —",
            "本文档由用户上传，仅供学习交流",
            "二、活动时间",
            "4月20日至26日",
        ]
    )

    draft = parse_plan(text)

    assert draft.unparsed == ["第 1 页 共 3 页", "— 2 —", "本文档由用户上传，仅供学习交流"]
    assert draft.unparsed_lines == [4, 5, 6]
    assert any("页码" in warning for warning in draft.warnings)
    assert any("网页内容" in warning for warning in draft.warnings)


def test_placeholders_are_null_with_warnings():
    text = "XX市20xx年知识产权宣传周活动方案\n一、活动主题\n××××××\n二、活动时间\n20xx年4月20日至26日"

    draft = parse_plan(text)

    assert (draft.year, draft.region, draft.theme, draft.start_date) == (None, None, None, None)
    assert draft.title == "XX市20xx年知识产权宣传周活动方案"
    assert any("年份" in w for w in draft.warnings)
    assert any("地区" in w for w in draft.warnings)
    assert any("主题" in w for w in draft.warnings)


def test_traditional_script_is_recognised_and_kept_in_the_output():
    text = "\n".join(
        [
            "2012年廣州市科技活動週活動方案",
            "一、活動時間5月19日至25日",
            "二、活動主題：科技惠及民生",
            "三、主要活動",
            "（一）啟動儀式",
            "5月19日上午，在花城廣場舉行。主辦單位：廣州市科學技術協會。",
        ]
    )

    draft = parse_plan(text)

    assert (draft.genre, draft.region, draft.year) == ("scitech_week", "廣州市", 2012)
    assert [s.heading for s in draft.sections] == ["", "活動時間", "活動主題", "主要活動"]
    assert draft.activities[0].lead_units == ["廣州市科學技術協會"]
    assert draft.activities[0].venue == "花城廣場"
    assert any("繁体" in w for w in draft.warnings)


def test_activity_table_rows_become_activities():
    text = (
        "一、活动安排\n序号 | 活动名称 | 时间 | 地点 | 牵头单位 | 配合单位\n"
        "1 | 启动仪式 | 4月20日上午9:30 | 县政府广场 | 县市场监管局 | 县科技局、县教育局\n"
        "2 | 知识竞赛 | 4月23日 | 县一中 | 县教育局 |\n二、工作要求\n各单位要高度重视。"
    )

    draft = parse_plan("2020年某县知识产权宣传周活动方案\n" + text)

    first, second = draft.activities
    assert (first.title, first.date_text, first.time_text, first.venue) == (
        "启动仪式",
        "4月20日",
        "上午9:30",
        "县政府广场",
    )
    assert (first.lead_units, first.support_units) == (["县市场监管局"], ["县科技局", "县教育局"])
    assert (second.start_date, second.lead_units, second.support_units) == ("2020-04-23", ["县教育局"], [])


def test_numbered_paragraphs_without_an_arrangements_heading_are_activities():
    text = (
        "某市2024年知识产权宣传周活动安排\n"
        "1.启动仪式。4月20日上午，在市民广场举办。\n"
        "2.知识竞赛。4月22日，市知识产权局组织网上竞赛。"
    )

    draft = parse_plan(text)

    assert [a.title for a in draft.activities] == ["启动仪式", "知识竞赛"]
    assert draft.activities[1].lead_units == ["市知识产权局"]
    assert [s.heading for s in draft.sections] == [""]


def test_unnumbered_arrangements_make_one_activity_per_paragraph():
    text = (
        "2019年某区知识产权宣传周活动方案\n活动安排\n启动仪式\n4月20日上午在区政府广场举行。\n"
        "知识竞赛\n4月23日，区科技局组织知识竞赛。"
    )

    draft = parse_plan(text)

    assert [(a.title, a.date_text) for a in draft.activities] == [("启动仪式", "4月20日"), ("知识竞赛", "4月23日")]


@pytest.mark.parametrize("text", ["", "\n\n", "　", "\x00\x01", "((((((", "一、", "1.", "活动安排\n（一）", "\ud800"])
def test_parse_plan_survives_degenerate_text(text):
    draft = parse_plan(text)

    assert isinstance(draft, PlanDraft)
    assert accounted_lines(draft, text) == ([], [])


def test_parse_plan_reports_an_internal_failure_instead_of_raising(monkeypatch):
    def broken(text: str) -> PlanDraft:
        raise RuntimeError("boom")

    monkeypatch.setattr(parser_module, "build_draft", broken)

    draft = parser_module.parse_plan("标题\n正文")

    assert draft.unparsed == ["标题", "正文"]
    assert draft.unparsed_lines == [1, 2]
    assert any("读取出错" in warning for warning in draft.warnings)


def test_draft_round_trips_through_json():
    draft = parse_plan(NOTICE)

    again = PlanDraft.from_dict(json.loads(draft.to_json()))

    assert again == draft


def test_a_fifty_megabyte_line_is_read_quickly():
    text = "知识产权" * 12_500_000

    started = time.perf_counter()
    draft = parse_plan(text)
    elapsed = time.perf_counter() - started

    assert elapsed < 15
    assert accounted_lines(draft, text) == ([], [])
    assert any("过长" in warning for warning in draft.warnings)


def test_text_beyond_the_reading_limit_is_kept_in_unparsed():
    text = "2018年某市知识产权宣传周活动方案\n" + "一、活动时间\n4月20日至26日\n" * 60_000

    draft = parse_plan(text)

    assert accounted_lines(draft, text) == ([], [])
    assert any("文本过长" in warning for warning in draft.warnings)


def test_deep_nesting_does_not_hang():
    text = "\n".join("（一）1.⑴①" * 50 + "（" * 500 for _ in range(500))

    started = time.perf_counter()
    draft = parse_plan(text)

    assert time.perf_counter() - started < 10
    assert accounted_lines(draft, text) == ([], [])


def test_numbered_headings_that_are_activities_become_activities():
    text = "\n".join(
        [
            "2021年桐庐县知识产权宣传周活动方案",
            "一、举办启动仪式",
            "4月20日上午，在县政府广场举行，由县市场监管局牵头，县科技局配合。",
            "二、开展知识竞赛",
            "4月23日，县教育局组织中小学生开展知识竞赛。",
            "桐庐县市场监督管理局",
            "2021年4月10日",
        ]
    )

    draft = parse_plan(text)

    assert [(a.title, a.date_text, a.lead_units) for a in draft.activities] == [
        ("举办启动仪式", "4月20日", ["县市场监管局"]),
        ("开展知识竞赛", "4月23日", ["县教育局"]),
    ]
    assert [s.heading for s in draft.sections] == ["", ""]
    assert accounted_lines(draft, text) == ([], [])
