"""Document facts: title, region, contacts, attachments, signature."""

from __future__ import annotations

import pytest

from ipweek.plantext import parse_plan
from ipweek.plantext.meta import attachments_of, contacts_of, region_of
from ipweek.plantext.normalise import build_lines


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("2018年辽源市知识产权宣传周活动方案", "辽源市"),
        ("南漳县2014年知识产权宣传周活动实施方案", "南漳县"),
        ("2013年滨海新区知识产权宣传周活动方案", "滨海新区"),
        ("上海市黄浦区2022年知识产权宣传周活动方案", "上海市黄浦区"),
        ("2022年江西省知识产权宣传周活动方案", "江西省"),
        ("关于组织开展2023年全国知识产权宣传周活动的通知", None),
        ("南湖中学2021年知识产权宣传周活动方案", None),
    ],
)
def test_region_from_the_title(title, region):
    lines = build_lines(title)

    assert region_of(lines[0], title, lines)[0] == region


def test_region_from_the_week_s_name_when_the_title_is_silent():
    lines = build_lines("决定在全区开展知识产权宣传周广西活动，方案如下：")

    assert region_of(None, None, lines) == ("广西", False)


def test_placeholder_region_is_flagged():
    lines = build_lines("XX市20xx年知识产权宣传周活动方案")

    assert region_of(lines[0], lines[0].clean, lines) == (None, True)


@pytest.mark.parametrize(
    ("line", "contacts"),
    [
        ("联系人：张三，电话：0771-1234567", [("张三", "0771-1234567")]),
        ("联系人:陈思远，电话:0731-87821160", [("陈思远", "0731-87821160")]),
        ("请报区科技局。联系人：刘芳，联系电话：0731-28683021。", [("刘芳", "0731-28683021")]),
        (
            "联系人：王老师 13800138000；联系人：李四，电话：010-62086217",
            [("王老师", "13800138000"), ("李四", "010-62086217")],
        ),
        ("联系电话：0571-88888888", [(None, "0571-88888888")]),
    ],
)
def test_contacts_of_reads_names_and_phones(line, contacts):
    found = contacts_of(build_lines(line))

    assert [(c.name, c.phone) for c in found] == contacts


def test_attachments_of_reads_a_numbered_list():
    lines = build_lines("附件：1.重点活动安排表\n      2.重点活动信息报送表\n某局")

    assert attachments_of(lines) == ["重点活动安排表", "重点活动信息报送表"]


def test_signature_block_gives_issuer_and_signed_date_and_a_closing_section():
    text = "2019年某市知识产权宣传周活动方案\n一、活动时间\n4月20日至26日\n\n宜宾市市场监督管理局\n2019年4月10日"

    draft = parse_plan(text)

    assert (draft.issuer, draft.signed_date) == ("宜宾市市场监督管理局", "2019-04-10")
    assert [s.heading for s in draft.sections] == ["", "活动时间", ""]
    assert draft.sections[-1].lines == [5, 6]


def test_theme_quoted_in_a_sentence():
    draft = parse_plan("某市2024年知识产权宣传周活动安排\n今年宣传周活动主题为“知识产权转化运用促进高质量发展”。")

    assert draft.theme == "知识产权转化运用促进高质量发展"


def test_doc_number_quoted_inside_a_sentence_is_not_the_document_s():
    draft = parse_plan("2010年某市知识产权宣传周活动总结\n印发了《活动方案》（潍知发〔2010〕3号），明确了分工。")

    assert draft.doc_number is None
