"""Property tests: whatever happens to a plan's text, the reader never raises and never loses a line.

These call ``build_draft`` (the parser without parse_plan's safety net) so that a bug shows up as a
failure here instead of being turned into a warning.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipweek.plantext import read_text
from ipweek.plantext.checks import accounted_lines
from ipweek.plantext.parser import build_draft

from .conftest import SEEDS

BUILT_IN = """\
2019年某市知识产权宣传周活动方案
一、活动主题
严格知识产权保护 营造一流营商环境
二、活动时间
2019年4月20日至26日
三、活动安排
（一）举办启动仪式
4月20日上午9:30，在市民中心广场举行启动仪式，由市市场监管局牵头，市委宣传部配合。
（二）开展“4·26”宣传咨询
4·26世界知识产权日当天，在酒都广场设立咨询台。（市市场监管局、市律师协会）
四、工作要求
联系人：罗晓岚，电话：0831-8225617
宜宾市市场监督管理局
2019年4月10日
"""


def _bases() -> list[str]:
    texts = [BUILT_IN]
    for folder in (SEEDS, Path(__file__).parent / "samples"):
        if folder.is_dir():
            texts += [read_text(path.read_bytes()) for path in sorted(folder.glob("*.txt"))]
    return texts


BASES = _bases()
NOISE = [
    "第 3 页 共 10 页",
    "- 3 -",
    "— 3 —",
    "本文档由用户上传，仅供学习交流，如有侵权请联系删除",
    "澳门威尼斯人赌场官网 注册即送彩金",
    "@@@@",
    "??????",
    "( [1 ]+ G7 Y1 W9 Q",
    "#",
    "**",
    "　",
    "（一）",
    "一、",
    "1.",
    "附件",
    "由",
    "（",
    "4·26",
    "联系人：",
    "知識(shí)產權",
]
SWAPS = {"：": ":", "，": ",", "（": "(", "）": ")", "；": ";", "、": ",", "。": ".", "“": '"', "”": '"'}
fast = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_whole(text: str) -> None:
    draft = build_draft(text)

    assert accounted_lines(draft, text) == ([], [])
    json.dumps(draft.to_dict(), ensure_ascii=False)


@fast
@given(base=st.sampled_from(BASES), data=st.data())
def test_noise_lines_inserted_anywhere_lose_nothing(base, data):
    lines = base.split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(lines)))
        noise = data.draw(st.sampled_from(NOISE) | st.text(max_size=12))
        lines.insert(position, noise)

    assert_whole("\n".join(lines))


@fast
@given(base=st.sampled_from(BASES), data=st.data())
def test_noise_inserted_inside_lines_loses_nothing(base, data):
    text = base
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(text)))
        text = text[:position] + data.draw(st.sampled_from(NOISE)) + text[position:]

    assert_whole(text)


@fast
@given(base=st.sampled_from(BASES), data=st.data())
def test_punctuation_swapped_between_full_and_half_width_loses_nothing(base, data):
    chosen = data.draw(st.sets(st.sampled_from(sorted(SWAPS))))
    forward = data.draw(st.booleans())
    text = base
    for full in chosen:
        text = text.replace(full, SWAPS[full]) if forward else text.replace(SWAPS[full], full)

    assert_whole(text)


@fast
@given(st.text())
def test_arbitrary_unicode_text_loses_nothing(text):
    assert_whole(text)


@fast
@given(
    st.text(
        alphabet=st.sampled_from(
            list("一二、（）()1.:：，。\n\r 　由牵头主办承办局厅会在举办4月20日至26宣传周期间活动时间安排要求附件")
        ),
        max_size=400,
    )
)
def test_plan_flavoured_gibberish_loses_nothing(text):
    assert_whole(text)


@fast
@given(base=st.sampled_from(BASES), data=st.data())
def test_truncation_at_any_point_loses_nothing(base, data):
    cut = data.draw(st.integers(0, len(base)))

    assert_whole(base[:cut])


@fast
@given(base=st.sampled_from(BASES), data=st.data())
def test_random_line_joins_lose_nothing(base, data):
    breaks = [index for index, char in enumerate(base) if char == "\n"]
    joined = data.draw(st.sets(st.sampled_from(breaks), max_size=len(breaks))) if breaks else set()
    text = "".join(char for index, char in enumerate(base) if index not in joined)

    assert_whole(text)


@fast
@given(base=st.sampled_from(BASES), data=st.data())
def test_line_endings_swapped_lose_nothing(base, data):
    ending = data.draw(st.sampled_from(["\r\n", "\r", "\n\n"]))

    assert_whole(base.replace("\n", ending))
