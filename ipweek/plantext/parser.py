"""parse_plan: any text → PlanDraft. Never raises; every non-blank line is placed exactly once."""

from __future__ import annotations

import re
from collections import Counter

from . import noise
from .activities import build_activity, join_text
from .classify import classify, genre_of
from .dates import date_of_line, find_date_phrase, find_explicit_date, has_year_placeholder, resolve, year_of
from .draft import ActivityDraft, PlanDraft, SectionDraft
from .headings import choose_section_style, keyword_at
from .meta import (
    Front,
    attachments_of,
    contacts_of,
    doc_number_of,
    find_front,
    is_org_line,
    is_placeholder_theme,
    notice_issuer,
    org_name,
    region_of,
    theme_from_text,
    theme_in_sentence,
)
from .normalise import (
    KEY_LIMIT,
    MAX_READ,
    OVERFLOW,
    Line,
    build_lines,
    has_traditional,
    is_blank,
    make_key,
    split_lines,
)
from .structure import Layout, Segment, closing_block_start, lay_out, mark_wrapping, section_items
from .units import consulted_body, split_units, subject_units

_FRONT_LIMIT = 60
_ISSUER_SENTENCE = re.compile(r"决定|制定|定于|印发|方案")
_ORGANISED_BY = re.compile(r"由([^，,。；;由]{2,40}?)(?:负责)?组织实施")
_THEME_LABEL = re.compile(r"(?:活动|宣传)主题(?:词)?\s*[:：]")
_META_VALUE = re.compile(r"(发文字号|文号|发布机构|发文机关|成文日期|发文日期)\s*[:：]\s*([^\s:：]+(?:\s[^\s:：]+)?)")
_PLACEHOLDER = re.compile(r"[xX×＊*]{2}|某")
_NOISE_WARNINGS = {
    noise.PAGE: "{n} 行页码标记（如“第 1 页 共 3 页”“— 1 —”）放入未解析",
    noise.CHROME: "{n} 行网页内容（导航、免责声明、分享、相关链接等）放入未解析",
    noise.META: "{n} 行网站元数据（索引号、发布机构等）放入未解析",
    noise.SPAM: "{n} 行疑似博彩广告放入未解析",
    noise.JUNK: "{n} 行无意义字符（防复制乱码、分隔线）放入未解析",
    OVERFLOW: "文本过长：前 " + f"{MAX_READ:,}" + " 字之后的 {n} 行没有识别，原样放入未解析",
}


def parse_plan(text: str) -> PlanDraft:
    """Read a plan's text into a PlanDraft. Never raises: on an internal failure every line goes to unparsed."""
    try:
        return build_draft(text)
    except Exception as error:  # the contract is "never raises"; the failure is reported in warnings
        return _fallback_draft(text, error)


def _fallback_draft(text: str, error: Exception) -> PlanDraft:
    draft = PlanDraft()
    for number, raw in enumerate(split_lines(text if isinstance(text, str) else str(text)), start=1):
        if not is_blank(raw):
            draft.unparsed.append(raw.strip())
            draft.unparsed_lines.append(number)
    draft.warnings.append(f"读取出错（{type(error).__name__}），全文放入未解析，请人工整理")
    return draft


def build_draft(text: str) -> PlanDraft:
    """The parser itself (raises on a bug; tests call it directly so bugs surface)."""
    lines = build_lines(text)
    noise.mark_noise(lines)
    content = [line for line in lines if line.noise is None]
    mark_wrapping(content)
    front = find_front(content, _front_limit(content))
    layout = lay_out(content, front.body_start)
    closing = content[closing_block_start(content, front.body_start) :]
    draft = PlanDraft(title=front.title)
    _read_year(draft, front, content, layout)
    _read_dates(draft, layout)
    _read_theme(draft, layout)
    draft.sections, draft.activities = _sections_and_activities(layout, draft.year)
    draft.priorities = [item for s in draft.sections if s.kind == "priorities" for item in s.items]
    draft.requirements = [item for s in draft.sections if s.kind == "requirements" for item in s.items]
    draft.region, region_placeholder = _region(front, content)
    draft.issuer = _issuer(front, content, closing, layout, lines)
    draft.doc_number = doc_number_of(layout.segments[0].lines) or _meta_value(lines, ("发文字号", "文号"))
    draft.signed_date = _signed_date(front, content, closing, lines)
    draft.contacts = contacts_of(content)
    draft.attachments = attachments_of(_non_activity_lines(layout))
    _place_noise(draft, lines)
    _classify(draft, front, lines, layout)
    _warn(draft, lines, content, region_placeholder)
    return draft


def _front_limit(content: list[Line]) -> int:
    for index, line in enumerate(content[:_FRONT_LIMIT]):
        numbering = line.numbering
        if (
            numbering is not None
            and numbering.style in ("cjk", "ordinal", "roman")
            and keyword_at(line.key, numbering.end)
        ):
            return index
        if numbering is None and keyword_at(line.key.strip().rstrip(":：")) and len(line.key.strip()) <= 12:
            return index
    return min(len(content), 40)


def _title_line(front: Front, content: list[Line]) -> Line | None:
    return content[front.title_lines[0]] if front.title_lines else None


def _read_year(draft: PlanDraft, front: Front, content: list[Line], layout: Layout) -> None:
    title_key = make_key(front.title or "")
    if front.title and has_year_placeholder(title_key):
        draft.warnings.append("标题中的年份是占位符（如 20xx），年份留空")
        return
    year = year_of(title_key) if front.title else None
    if year is None:
        for segment in layout.segments:
            if segment.kind == "time":
                phrase = find_explicit_date(_segment_text(segment)[1])
                year = phrase.year if phrase is not None else None
                break
    if year is None:
        preamble_key = _segment_text(layout.segments[0])[1]
        phrase = find_explicit_date(preamble_key, range_only=True)
        year = phrase.year if phrase is not None and phrase.year else None
    if year is None:
        year = next(
            (
                phrase.year
                for phrase in map(find_explicit_date, (line.key for line in content))
                if phrase and phrase.year
            ),
            None,
        )
    draft.year = year


def _segment_text(segment: Segment) -> tuple[str, str]:
    """Clean and key text of a segment: its fused heading value, then its own lines."""
    pieces: list[tuple[str, str, bool]] = []
    line = segment.heading_line
    if segment.heading is not None and line is not None and segment.heading.value_start is not None:
        start = segment.heading.value_start
        pieces.append((line.head[start:], line.key[start:], line.continues))
    pieces += [(own.head, own.key, own.continues) for own in segment.lines]
    return join_text(pieces)


def _read_dates(draft: PlanDraft, layout: Layout) -> None:
    phrase = None
    for segment in layout.segments:
        if segment.kind == "time":
            phrase = find_explicit_date(_segment_text(segment)[1])
            if phrase is not None:
                break
    if phrase is None:
        phrase = find_explicit_date(_segment_text(layout.segments[0])[1], range_only=True)
    if phrase is not None:
        draft.start_date, draft.end_date = resolve(phrase, draft.year)


def _read_theme(draft: PlanDraft, layout: Layout) -> None:
    for segment in layout.segments:
        if segment.kind == "theme":
            clean, key = _segment_text(segment)
            if is_placeholder_theme(clean.split("\n", 1)[0]):
                draft.warnings.append("活动主题是占位符（如 ××××），主题留空")
                return
            draft.theme = theme_from_text(clean, key)
            if draft.theme:
                return
    for segment in layout.segments:
        if segment.kind == "arrangements":
            continue
        for line in segment.lines:
            label = _THEME_LABEL.match(line.key)
            if label is not None:
                draft.theme = theme_from_text(line.head[label.end() :], line.key[label.end() :])
                return
        clean, key = _segment_text(segment)
        theme = theme_in_sentence(clean, key)
        if theme:
            draft.theme = theme
            return


def _sections_and_activities(layout: Layout, year: int | None) -> tuple[list[SectionDraft], list[ActivityDraft]]:
    sections: list[SectionDraft] = []
    activities: list[ActivityDraft] = []
    for segment in layout.segments:
        found = [build_activity(block, year=year) for block in segment.blocks]
        activities.extend(found)
        clean, _ = _segment_text(segment)
        items = [activity.title for activity in found] or section_items(segment, layout.section_style)
        numbers = ([segment.heading_line.number] if segment.heading_line is not None else []) + [
            line.number for line in segment.lines
        ]
        sections.append(SectionDraft(heading=segment.title, kind=segment.kind, text=clean, items=items, lines=numbers))
    return sections, activities


def _region(front: Front, content: list[Line]) -> tuple[str | None, bool]:
    return region_of(_title_line(front, content), front.title, content)


def _issuer(front: Front, content: list[Line], closing: list[Line], layout: Layout, lines: list[Line]) -> str | None:
    candidates = [
        next((org_name(line) for line in reversed(closing) if is_org_line(line)), None),
        notice_issuer(front.notice_title),
        next((org_name(line) for line in content[: max(front.body_start, 1)] if is_org_line(line)), None),
        next((org_name(line) for line in layout.segments[0].lines if is_org_line(line)), None),
        _meta_value(lines, ("发布机构", "发文机关")),
        _intro_issuer(layout.segments[0], {content[index].number for index in front.title_lines}),
        _organised_by(layout),
    ]
    for candidate in candidates:
        if candidate and not _PLACEHOLDER.search(candidate):
            return candidate
    return None


def _intro_issuer(preamble: Segment, title_numbers: set[int]) -> str | None:
    """'市科技局决定…', '经X研究，决定…', 'X制定本方案' in the opening paragraph."""
    for line in preamble.lines:
        if line.number in title_numbers or len(line.key) < 15 or not _ISSUER_SENTENCE.search(line.key):
            continue
        consulted = consulted_body(line.key)
        if consulted is not None:
            return line.head[consulted[0] : consulted[1]]
        spans = subject_units(line.key)
        if spans:
            return "、".join(line.head[start:end] for start, end in spans)
    return None


def _organised_by(layout: Layout) -> str | None:
    for segment in layout.segments:
        if segment.kind == "arrangements":
            continue
        for line in segment.lines:
            match = _ORGANISED_BY.search(line.key)
            if match and split_units(line.key, match.start(1), match.end(1)):
                return line.head[match.start(1) : match.end(1)]
    return None


def _meta_value(lines: list[Line], labels: tuple[str, ...]) -> str | None:
    for line in lines:
        if line.noise != noise.META:
            continue
        for match in _META_VALUE.finditer(line.key):
            if match.group(1) in labels:
                return line.head[match.start(2) : match.end(2)].strip()
    return None


def _signed_date(front: Front, content: list[Line], closing: list[Line], lines: list[Line]) -> str | None:
    for line in reversed(closing):
        found = date_of_line(line.key)
        if found:
            return found
    for line in content[: front.body_start]:
        found = date_of_line(line.key)
        if found:
            return found
    value = _meta_value(lines, ("成文日期", "发文日期"))
    if value:
        phrase = find_date_phrase(make_key(value))
        return date_of_line(make_key(value)) or (resolve(phrase, None)[0] if phrase else None)
    return None


def _non_activity_lines(layout: Layout) -> list[Line]:
    return [line for segment in layout.segments for line in segment.lines]


def _place_noise(draft: PlanDraft, lines: list[Line]) -> None:
    for line in lines:
        if line.noise is not None:
            draft.unparsed.append(line.raw.strip())
            draft.unparsed_lines.append(line.number)


def _classify(draft: PlanDraft, front: Front, lines: list[Line], layout: Layout) -> None:
    full_key = "\n".join(line.key for line in lines)[:200_000]
    title_key = make_key(front.title or "")
    has_structure = bool(draft.activities) or any(
        segment.kind not in ("other",) for segment in layout.segments if segment.heading is not None
    )
    result = classify(title_key, full_key, has_structure=has_structure, is_notice=front.is_notice)
    draft.kind = result.kind
    if result.reason:
        draft.warnings.insert(0, result.reason)
    draft.genre = genre_of(title_key, full_key)


def _warn(draft: PlanDraft, lines: list[Line], content: list[Line], region_placeholder: bool) -> None:
    if region_placeholder:
        draft.warnings.append("标题中的地区是占位符（如 XX市），地区留空")
    counts = Counter(line.noise for line in lines if line.noise is not None)
    for kind, template in _NOISE_WARNINGS.items():
        if counts[kind]:
            draft.warnings.append(template.format(n=counts[kind]))
    for line in content:
        if noise.has_spam(line.key):
            draft.warnings.append(f"第 {line.number} 行夹有疑似博彩广告，相关名称可能被篡改，请核对")
        if len(line.raw) > KEY_LIMIT:
            draft.warnings.append(f"第 {line.number} 行过长（{len(line.raw)} 字），只识别了前 {KEY_LIMIT} 字")
    if any(has_traditional(line.head) for line in content[:200]):
        draft.warnings.append("原文含繁体字：识别时按简体处理，输出保留原文")
    if draft.kind in ("plan", "notice_with_plan") and not draft.activities:
        draft.warnings.append("没有找到活动安排中的具体活动，请检查原文的编号和栏目")
    if not content and lines:
        draft.warnings.append("没有找到正文：所有行都是网页内容、页码或乱码")


__all__ = ["build_draft", "choose_section_style", "parse_plan"]
