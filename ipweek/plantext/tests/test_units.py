"""Lead and supporting units in every form plan-genre.md lists."""

from __future__ import annotations

import pytest

from ipweek.plantext.normalise import make_key
from ipweek.plantext.units import is_unit_name, roles_in, split_units, subject_units


def units_of(text: str) -> tuple[list[str], list[str]]:
    """(lead, support) as the reader reports them (承办 are supporting units)."""
    roles = roles_in(make_key(text))
    lead = [text[s:e] for s, e in roles.lead]
    support = [text[s:e] for s, e in sorted(roles.support + roles.host)]
    return lead, support


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        (
            "由宣传周广西活动组委会、南宁市人民政府共同组织，南宁高新技术产业开发区管理委员会、南宁市知识产权局承办。",
            ["宣传周广西活动组委会", "南宁市人民政府"],
            ["南宁高新技术产业开发区管理委员会", "南宁市知识产权局"],
        ),
        ("由自治区知识产权局牵头，各成员单位积极配合，重点展示成果。", ["自治区知识产权局"], ["各成员单位"]),
        ("自治区商务厅向参展企业宣传广交会规则。", ["自治区商务厅"], []),
        ("广西贸促会开展涉外领域宣传。", ["广西贸促会"], []),
        (
            "宣传周期间，自治区知识产权局联合市县区知识产权局开展专利执法行动。",
            ["自治区知识产权局"],
            ["市县区知识产权局"],
        ),
        ("宣传周期间，各市知识产权局联合相关部门，择期在各市举办活动。", ["各市知识产权局"], ["相关部门"]),
        ("自治区公安厅经侦总队网站开展法规宣传。", ["自治区公安厅经侦总队"], []),
        (
            "4月22日，江西省知识产权局主办，中国银行江西省分行承办，江西省知识产权服务中心执行承办。",
            ["江西省知识产权局"],
            ["中国银行江西省分行", "江西省知识产权服务中心"],
        ),
        ("在广场举行启动仪式。（市市场监管局、市委宣传部）", ["市市场监管局", "市委宣传部"], []),
        ("开展检查。（责任单位：市市场监管局）", ["市市场监管局"], []),
        ("举办讲座。（牵头单位：市科技局；配合单位：市教育局、市科协）", ["市科技局"], ["市教育局", "市科协"]),
        ("举办培训班。（承办单位：县生产力促进中心）", [], ["县生产力促进中心"]),
        ("主办单位：滨海新区科委；承办单位：区知识产权服务中心。", ["滨海新区科委"], ["区知识产权服务中心"]),
        ("召开主题班会。（负责：教务处；协助：高一年级组）", ["教务处"], ["高一年级组"]),
        ("宣传周期间，市科技局联合各县（区、市）科技局对商场进行检查。", ["市科技局"], ["各县（区、市）科技局"]),
        ("县科技局、县教育局将适时组织全县中小学生开展竞赛。", ["县科技局", "县教育局"], []),
        ("与东北袜业园共同开展电子商务领域维权工作。", [], ["东北袜业园"]),
        ("县科技局会同县工商局对城区商场开展检查。", ["县科技局"], ["县工商局"]),
        ("组织市科技系统人员参加由省科技厅举办的培训班。", ["省科技厅"], []),
        ("由市知识产权局负责。", ["市知识产权局"], []),
        ("市科协主办，市科技馆承办，市少年宫协办。", ["市科协"], ["市科技馆", "市少年宫"]),
        ("由区教育局及区科协共同组织，各中小学配合。", ["区教育局", "区科协"], ["各中小学"]),
        ("（市知识产权局牵头，各县区市场监管局配合）", ["市知识产权局"], ["各县区市场监管局"]),
    ],
)
def test_roles_in_reads_each_form(text, lead, support):
    assert units_of(text) == (lead, support)


@pytest.mark.parametrize(
    "text",
    [
        "邀请自治区领导，驻邕有关高校、科研院所、知识产权服务机构、高新区企业代表及群众参加。",
        "报告将在启动仪式后向公众发布，由媒体自由摘登。",
        "组织市、县区科技部门在机关办公楼内外悬挂条幅。",
        "在南宁·中关村双创示范基地举办启动仪式。",
        "宣传周期间，充分利用报纸、电视、网络等宣传平台。",
    ],
)
def test_roles_in_finds_no_unit_where_there_is_none(text):
    assert units_of(text) == ([], [])


def test_split_units_keeps_parentheses_and_names_containing_he():
    key = make_key("市市场监管局、市经济和信息化局、各县（市、区）市场监管局")

    spans = split_units(key, 0, len(key))

    assert [key[s:e] for s, e in spans or []] == ["市市场监管局", "市经济和信息化局", "各县(市、区)市场监管局"]


def test_split_units_splits_he_only_between_two_whole_units():
    key = make_key("县科技局和县工商局等单位")

    spans = split_units(key, 0, len(key))

    assert [key[s:e] for s, e in spans or []] == ["县科技局", "县工商局"]


@pytest.mark.parametrize(
    "name", ["市科技局", "广西贸促会", "各成员单位", "中国人民银行南宁中心支行", "团市委", "南宁海关"]
)
def test_is_unit_name_accepts_organisations(name):
    assert is_unit_name(make_key(name))


@pytest.mark.parametrize("name", ["新闻发布会", "总体布局", "知识产权", "服务大厅", "网站", "由省科技厅举办的培训班"])
def test_is_unit_name_rejects_other_words(name):
    assert not is_unit_name(make_key(name))


def test_subject_units_finds_who_decided():
    key = make_key("为加强知识产权宣传，结合我市实际，市科技局决定在全市组织开展宣传周活动。")

    spans = subject_units(key)

    assert [key[s:e] for s, e in spans] == ["市科技局"]
