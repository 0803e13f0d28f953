"""Redaction rules for text that leaves the office: names, phones, ID numbers, credit codes, e-mail, shops, patents."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipweek.casework.redaction import (
    Known,
    looks_like_person,
    mask_organisation,
    mask_party,
    mask_person,
    redact,
)

KNOWN = Known(
    names=(("张三丰", mask_party("张三丰")), ("示例市佳美电器店", mask_party("示例市佳美电器店"))),
    numbers=("13812341234", "330102199001011234", "zsf@example.com"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话13812341234。", "电话138****1234。"),
        ("电话 138-1234-1234", "电话 138****1234"),
        ("电话+86 13912345678", "电话139****5678"),
        ("座机0572-1234567", "座机********4567"),
        ("身份证330102199001011234", "身份证330***********1234"),
        ("代码91330100MA2B3C4D5E", "代码913***********4D5E"),
        ("邮箱someone@example.com", "邮箱s***@example.com"),
        ("见https://jiamei.shop.example.com/item?id=5。", "见https://***.example.com/***。"),
        ("见www.example.com/shop/9", "见***.example.com/***"),
        ("见https://shop.example.com/item销售假货", "见https://***.example.com/***销售假货"),
        ("专利号ZL2023 1 0123456.5", "专利号ZL2023 1 0******.5"),
        ("专利号ZL202310123456.X", "专利号ZL202310******.X"),
        ("申请号97101765.4", "申请号9710****.4"),
        ("公告号CN212345678U", "公告号CN2********U"),
        ("商标注册号：12345678", "商标注册号：12******"),
        ("第1234567号商标", "第12*****号商标"),
        ("联系人：李四，", "联系人：李某，"),
        ("12330热线", "12330热线"),
        ("2026年5月11日", "2026年5月11日"),
    ],
)
def test_rules_mask_what_identifies_and_keep_the_rest(text, expected):
    assert redact(text) == expected


def test_known_names_are_masked_every_time_they_appear():
    text = "张三丰称，示例市佳美电器店销售假冒产品。张三丰多次联系示例市佳美电器店未果，张三丰遂投诉。"

    result = redact(text, KNOWN)

    assert "张三丰" not in result and "佳美" not in result
    assert result.count("张某") == 3 and result.count("示例市某店") == 2


def test_known_numbers_are_masked_even_when_written_differently():
    result = redact("电话138 1234 1234，证件330102199001011234，邮箱ZSF@example.com", KNOWN)

    assert "1234 1234" not in result and "199001011" not in result and "zsf@" not in result.lower()


@pytest.mark.parametrize(
    ("name", "is_person"),
    [
        ("张三", True),
        ("欧阳娜娜", True),
        ("John Smith", True),
        ("示例市佳美电器店", False),
        ("某某科技有限公司", False),
    ],
)
def test_persons_are_told_from_businesses(name, is_person):
    assert looks_like_person(name) is is_person


def test_masks_of_persons_and_organisations():
    assert mask_person("张三") == "张某"
    assert mask_person("张某") == "张某"
    assert mask_organisation("湖州市佳美电器店") == "湖州市某店"
    assert mask_organisation("浙江佳美科技有限公司") == "某有限公司"


han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(lambda c: c != "某")
names = st.text(han, min_size=2, max_size=4)
phones = st.from_regex(r"1[3-9]\d{9}", fullmatch=True)
filler = st.text(st.sampled_from([*"，。；、的了在向店家产品 abc-:：", "说", "称"]), max_size=12)


@given(name=names, phone=phones, parts=st.lists(filler, min_size=2, max_size=5))
def test_a_known_name_and_phone_never_survive(name, phone, parts):
    known = Known(names=((name, mask_party(name)),), numbers=(phone,))
    text = name.join(parts) + phone + parts[0] + name

    result = redact(text, known)

    assert name not in result
    assert phone not in result


@given(text=st.text(max_size=80), name=names)
def test_redacting_twice_changes_nothing(text, name):
    known = Known(names=((name, mask_party(name)),))

    once = redact(text, known)

    assert redact(once, known) == once


samples = st.sampled_from(
    [
        "13812341234", "ZL2023 1 0123456.5", "https://a.b.example.com/x?y=1", "zsf@example.com",
        "330102199001011234", "联系人：李四，", "第1234567号", "0572-1234567", "CN212345678U", "97101765.4",
    ]
)  # fmt: skip


@given(parts=st.lists(samples | filler, max_size=8))
def test_redacting_text_full_of_numbers_twice_changes_nothing(parts):
    once = redact("".join(parts), KNOWN)

    assert redact(once, KNOWN) == once
    assert "13812341234" not in once and "0123456" not in once


def test_the_complainant_s_address_is_masked_wherever_the_text_repeats_it():
    from types import SimpleNamespace

    from ipweek.casework.redaction import known_of, redact

    case = SimpleNamespace(
        complainant_name="王小明", respondent_name="李四", complainant_phone="", complainant_id_number="",
        complainant_email="", complainant_address="湖州市吴兴区人民路88号3单元502室",
        respondent_address="湖州市南浔区某路9号",
    )  # fmt: skip
    text = "王小明住湖州市吴兴区人民路88号3单元502室，李四住湖州市南浔区某路9号。"

    redacted = redact(text, known_of(case))

    assert "人民路88号" not in redacted and "某路9号" not in redacted
    assert "王小明" not in redacted and "湖州市吴兴" in redacted
