"""Section headings: numbered (一、活动时间), unnumbered (活动主题 on its own line) and fused with their
value (一、活动时间:2017年4月20日至26日 · 一、活動時間5月15日 · 活动主题：倡导创新文化).

Heading synonyms map to section kinds (plan-genre.md): 指导思想/总体要求/活动宗旨 → guiding_ideology;
宣传重点/工作重点/宣传内容 → priorities; 活动安排/活动内容/主要活动/系列活动内容/具体安排及工作要求 →
arrangements; 有关要求/几点要求/工作要求 → requirements; and so on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .draft import SectionKind
from .normalise import Line

_KEYWORDS: dict[SectionKind, tuple[str, ...]] = {
    "guiding_ideology": (
        "指导思想", "总体要求", "活动宗旨", "目的意义", "活动目的", "活动意义", "工作目标", "活动目标", "总体目标",
        "目的和意义", "基本原则", "指导原则", "总体思路", "工作思路", "活动背景", "背景", "目的", "宗旨", "意义",
    ),
    "time": (
        "活动时间和地点", "活动时间与地点", "活动时间及地点", "时间和地点", "时间地点", "活动时间", "时间安排",
        "宣传时间",
        "举办时间", "宣传周时间", "起止时间", "活动日期", "时间",
    ),
    "theme": ("活动主题", "宣传主题", "宣传口号", "活动口号", "主题", "口号"),
    "priorities": ("宣传重点内容", "宣传重点", "工作重点", "宣传内容", "重点内容", "宣传要点"),
    "arrangements": (
        "具体安排及工作要求", "活动内容及安排", "活动内容与形式", "活动形式和内容", "主要活动安排", "系列活动内容",
        "活动安排", "活动内容", "主要活动", "系列活动", "具体安排", "活动形式", "工作安排", "重点活动", "活动项目",
        "实施步骤", "活动方式", "宣传活动", "宣传形式", "具体活动", "工作任务", "主要任务", "活动计划", "日程安排",
        "主要内容", "活动议程", "活动流程", "宣传方式",
    ),
    "requirements": (
        "有关要求", "几点要求", "工作要求", "活动要求", "相关要求", "具体要求", "保障措施", "工作措施", "注意事项",
        "其他事项", "其它事项", "有关事项", "工作保障", "安全保障", "经费保障", "要求",
    ),
    "organisation": (
        "组织领导", "组织机构", "组织保障", "组织单位", "主办单位", "承办单位", "协办单位", "领导小组", "组织架构",
        "机构设置", "参加单位", "参与单位", "活动组织", "组织分工", "职责分工", "责任分工", "任务分工", "组织实施",
    ),
    "other": (
        "活动地点", "参加人员", "参与对象", "活动对象", "宣传对象", "参加对象", "活动范围", "联系方式", "经费", "地点",
    ),
}  # fmt: skip

KIND_OF: dict[str, SectionKind] = {word: kind for kind, words in _KEYWORDS.items() for word in words}
_SHORT = {word for word in KIND_OF if len(word) <= 2}
_KEYWORD = re.compile("|".join(sorted(KIND_OF, key=len, reverse=True)))
_LONG_KEYWORD = re.compile("|".join(sorted((w for w in KIND_OF if len(w) >= 4), key=len, reverse=True)))
_SEPARATOR = " :：,，."
ACTIVITY_LABELS = frozenset(
    {
        "时间", "活动时间", "地点", "活动地点", "时间地点", "时间和地点", "活动时间和地点", "活动时间与地点",
        "活动时间及地点", "主办单位", "承办单位", "协办单位", "组织单位", "活动内容", "主要内容", "活动形式",
        "参加人员",
        "参加对象", "参与对象", "活动对象", "活动主题", "主题", "参加单位", "参与单位", "宣传内容",
    }
)  # fmt: skip
SECTION_STYLES = ("ordinal", "cjk", "roman", "paren_cjk", "digit", "paren_digit", "circled", "named")


@dataclass(frozen=True, slots=True)
class Heading:
    """A recognised section heading."""

    kind: SectionKind
    title_start: int  # span of the heading text in line.clean (without its number)
    title_end: int
    value_start: int | None  # where a fused value starts in line.clean, if any
    keyword: str | None = None

    def title(self, line: Line) -> str:
        return line.clean[self.title_start : self.title_end].strip(" :：")


def keyword_at(key: str, start: int = 0) -> tuple[str, int] | None:
    """The heading keyword that opens key[start:] and where it ends (short ones must stand alone)."""
    match = _KEYWORD.match(key, start)
    if match is None:
        return None
    word = match.group()
    following = key[match.end() : match.end() + 1]
    if word in _SHORT and following and following not in _SEPARATOR:
        return None
    return word, match.end()


def count_keyword_lines(lines: Iterable[Line]) -> tuple[Counter[str], int]:
    """Per numbering style, how many lines open with a heading keyword; and how many bare keyword lines."""
    by_style: Counter[str] = Counter()
    bare = 0
    for line in lines:
        numbering = line.numbering
        if numbering is not None and numbering.style in SECTION_STYLES:
            if keyword_at(line.key, numbering.end):
                by_style[numbering.style] += 1
        elif numbering is None and _bare_keyword(line.key):
            bare += 1
    return by_style, bare


def choose_section_style(lines: list[Line]) -> str | None:
    """The numbering style that marks sections: the one whose lines most often open with a heading keyword."""
    by_style, bare = count_keyword_lines(lines)
    if by_style:
        style, hits = min(by_style.items(), key=lambda item: (-item[1], SECTION_STYLES.index(item[0])))
        if hits >= 2 or bare == 0:
            return style
        return None
    counts = Counter(line.numbering.style for line in lines if line.numbering is not None)
    if bare == 0:
        for style in ("ordinal", "cjk", "roman"):
            if counts[style] >= 2:
                return style
    return None


def _bare_keyword(key: str) -> str | None:
    text = key.strip().rstrip(":：").strip()
    return text if text in KIND_OF else None


def heading_of(line: Line, section_style: str | None, *, in_arrangements: bool) -> Heading | None:
    """The section heading ``line`` opens, if it opens one."""
    numbering = line.numbering
    if numbering is not None and numbering.style == section_style:
        return _numbered_heading(line, numbering.end)
    if numbering is not None:
        return None
    bare = _bare_keyword(line.key)
    if bare is not None:
        if in_arrangements and bare in ACTIVITY_LABELS:
            return None
        return Heading(KIND_OF[bare], 0, len(line.clean), None, bare)
    return _fused_unnumbered(line, in_arrangements=in_arrangements)


def _fused_unnumbered(line: Line, *, in_arrangements: bool) -> Heading | None:
    found = keyword_at(line.key)
    if found is None:
        return None
    word, end = found
    if line.key[end : end + 1] not in (":", "："):
        return None
    if (in_arrangements and word in ACTIVITY_LABELS) or len(word) < 2:
        return None
    value_start = _skip(line.key, end)
    return Heading(KIND_OF[word], 0, end, value_start if value_start < len(line.clean) else None, word)


def _numbered_heading(line: Line, start: int) -> Heading:
    key = line.key
    found = keyword_at(key, start)
    if found is not None:
        word, end = found
        rest = key[end:].strip(_SEPARATOR)
        if not rest:
            return Heading(KIND_OF[word], start, len(line.clean), None, word)
        if key[end] in _SEPARATOR or _starts_value(key[end]):
            return Heading(KIND_OF[word], start, end, _skip(key, end), word)
        return Heading(KIND_OF[word], start, _title_end(key, start), _value_after_title(key, start), word)
    kind = _kind_inside(key[start:])
    return Heading(kind, start, _title_end(key, start), _value_after_title(key, start), None)


def _starts_value(char: str) -> bool:
    return char.isdigit() or char in '"“《(（' or char in "二〇零○一三四五六七八九十"


def _skip(key: str, position: int) -> int:
    while position < len(key) and key[position] in _SEPARATOR:
        position += 1
    return position


def _title_end(key: str, start: int) -> int:
    stop = re.compile(r"[。:：]").search(key, start)
    if stop is not None and stop.start() - start <= 30:
        return stop.start()
    return len(key)


def _value_after_title(key: str, start: int) -> int | None:
    end = _title_end(key, start)
    value = _skip(key, end + 1) if end < len(key) else len(key)
    return value if value < len(key) else None


def _kind_inside(rest: str) -> SectionKind:
    if len(rest) > 20:
        return "other"
    match = _LONG_KEYWORD.search(rest)
    return KIND_OF[match.group()] if match else "other"


def section_keyword(key: str) -> SectionKind | None:
    """Kind of a line that is nothing but a heading keyword (used to end an activity list: '（五）工作要求')."""
    bare = _bare_keyword(key)
    return KIND_OF[bare] if bare else None
