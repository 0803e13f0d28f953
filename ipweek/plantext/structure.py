"""The document's layout: preamble, sections, activities and closing signature, each line placed once.

Order of work: find the title and any cover notice (meta.find_front), the closing signature block,
the numbering style that marks sections (headings.choose_section_style); then walk the lines,
opening a section at each heading; arrangements sections are split into activity blocks.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field

from .activities import Block, is_label_line, join_text
from .dates import date_of_line, find_date_phrase
from .draft import SectionKind
from .headings import Heading, choose_section_style, heading_of, keyword_at, section_keyword
from .meta import is_attachment_line, is_org_line, is_stamp_line
from .normalise import Line
from .tables import Columns, header_columns, is_row
from .units import roles_in

_END_PUNCTUATION = "。；;！!？?:："
_PLACEHOLDER_DATE_LINE = re.compile(r"(?:19|20)[xX×*]{2}年[xX×*\d]{1,2}月[xX×*\d]{1,2}日")
_ENUMERATION_MARK = re.compile(r"^[一二三四五六七八九十]是")
_ACTIVITY_WORD = re.compile(
    r"举办|开展|召开|举行|启动|组织|发布|竞赛|讲座|培训|展|仪式|活动|咨询|执法|检查|宣讲|论坛|进校园|进社区|进企业"
)


@dataclass(slots=True)
class Segment:
    """One section: its heading (None for the preamble and the closing block) and its own lines."""

    heading: Heading | None
    heading_line: Line | None
    kind: SectionKind = "other"
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # activity blocks (arrangements)

    @property
    def title(self) -> str:
        if self.heading is None or self.heading_line is None:
            return ""
        return self.heading.title(self.heading_line)


@dataclass(slots=True)
class Layout:
    """The segments of a document and the numbering style that marks its sections."""

    segments: list[Segment]
    section_style: str | None


def mark_wrapping(content: list[Line]) -> None:
    """Flag lines that a PDF layout broke mid-sentence (they continue on the next line)."""
    long_lines = [line for line in content if len(line.clean) >= 12]
    open_ended = [line for line in long_lines if line.clean[-1] not in _END_PUNCTUATION + ')）”"']
    if len(open_ended) < 3 or len(open_ended) * 4 < len(long_lines):
        return
    width = statistics.quantiles([len(line.clean) for line in long_lines], n=4)[2] if len(long_lines) > 1 else 0
    for line, following in itertools.pairwise(content):
        line.continues = (
            len(line.clean) >= 0.9 * width
            and line.clean[-1] not in _END_PUNCTUATION
            and following.numbering is None
            and not is_label_line(following)
            and keyword_at(following.key) is None
        )


def closing_block_start(content: list[Line], first_possible: int) -> int:
    """Index where the closing block (signature, date, 附件, 此件公开…) starts; len(content) if none."""
    start = len(content)
    index = len(content) - 1
    while index >= first_possible:
        line = content[index]
        if _is_closing_line(line):
            start = index
            index -= 1
            continue
        items_end = index
        while index >= first_possible and _is_attachment_item(content[index]):
            index -= 1  # numbered attachment titles count only below an 附件 line
        if items_end == index or index < first_possible or not is_attachment_line(content[index]):
            break
        start = index
        index -= 1
    return start


def _is_closing_line(line: Line) -> bool:
    key = line.key.strip()
    return bool(
        date_of_line(key)
        or _PLACEHOLDER_DATE_LINE.fullmatch(key)
        or is_org_line(line)
        or is_stamp_line(line)
        or is_attachment_line(line)
    )


def _is_attachment_item(line: Line) -> bool:
    return (
        line.numbering is not None and line.numbering.style == "digit" and "。" not in line.key and len(line.key) <= 60
    )


def lay_out(content: list[Line], body_start: int) -> Layout:
    """Split content lines into segments; activity blocks go with their arrangements segment."""
    closing = closing_block_start(content, body_start)
    body = content[body_start:closing]
    style = choose_section_style(body)
    preamble = Segment(heading=None, heading_line=None, lines=list(content[:body_start]))
    segments = [preamble]
    for line in body:
        current = segments[-1]
        heading = heading_of(line, style, in_arrangements=current.kind == "arrangements")
        if heading is not None:
            segments.append(Segment(heading=heading, heading_line=line, kind=heading.kind))
        else:
            current.lines.append(line)
    tail = content[closing:]
    if len(segments) > 1 and tail:
        segments.append(Segment(heading=None, heading_line=None, lines=list(tail)))
    else:
        segments[-1].lines.extend(tail)
    for segment in segments:
        table_blocks = _extract_tables(segment)
        if segment.kind == "arrangements":
            _split_arrangements(segment, style, allow_unnumbered=not table_blocks)
        segment.blocks = sorted(segment.blocks + table_blocks, key=lambda block: block.first.number)
    if not any(segment.blocks for segment in segments):
        for segment in segments:
            if segment.kind == "other":
                _find_stray_activities(segment)
    if not any(segment.blocks for segment in segments):
        segments = _activity_headings(segments)
    return Layout(segments=segments, section_style=style)


def _activity_headings(segments: list[Segment]) -> list[Segment]:
    """Plans whose numbered headings are the activities themselves ('一、启动仪式', '二、知识竞赛')."""
    candidates = [
        segment
        for segment in segments
        if segment.kind == "other"
        and segment.heading_line is not None
        and segment.heading is not None
        and segment.heading.keyword is None
        and _ACTIVITY_WORD.search(segment.heading_line.key)
    ]
    with_evidence = [segment for segment in candidates if _has_activity_evidence(segment)]
    if len(with_evidence) < 2 or len(with_evidence) * 2 < len(candidates):
        return segments
    kept: list[Segment] = []
    for segment in segments:
        line = segment.heading_line
        if segment in with_evidence and line is not None and segment.heading is not None and kept:
            kept[-1].blocks.append(Block(first=line, title_start=segment.heading.title_start, body=segment.lines))
        else:
            kept.append(segment)
    return kept


def _has_activity_evidence(segment: Segment) -> bool:
    lines = ([segment.heading_line] if segment.heading_line else []) + segment.lines[:3]
    return any(find_date_phrase(line.key) or not roles_in(line.key).is_empty() for line in lines)


def _extract_tables(segment: Segment) -> list[Block]:
    """Rows under a recognised table header become activity blocks; the header stays in the section."""
    blocks: list[Block] = []
    own: list[Line] = []
    columns: Columns | None = None
    for line in segment.lines:
        if columns is not None and is_row(line):
            blocks.append(Block(first=line, title_start=0, columns=columns))
            continue
        columns = header_columns(line)
        own.append(line)
    segment.lines = own
    return blocks


def _split_arrangements(segment: Segment, section_style: str | None, *, allow_unnumbered: bool = True) -> None:
    lines = segment.lines
    activity_style = next(
        (
            line.numbering.style
            for line in lines
            if line.numbering is not None and line.numbering.style != section_style and not is_label_line(line)
        ),
        None,
    )
    if activity_style is None:
        if allow_unnumbered:
            _split_unnumbered(segment)
        return
    own: list[Line] = []
    blocks: list[Block] = []
    closed = False
    for line in lines:
        numbering = line.numbering
        if closed:
            own.append(line)
        elif numbering is not None and numbering.style == activity_style and not is_label_line(line):
            if _closes_activities(line):
                closed = True
                own.append(line)
            else:
                blocks.append(Block(first=line, title_start=numbering.end))
        elif blocks:
            blocks[-1].body.append(line)
        else:
            own.append(line)
    segment.lines = own
    segment.blocks = blocks


def _closes_activities(line: Line) -> bool:
    """'（五）工作要求' inside 具体安排及工作要求: the requirements half, not an activity."""
    numbering = line.numbering
    if numbering is None:
        return False
    kind = section_keyword(line.key[numbering.end :])
    return kind is not None and kind != "arrangements"


def _split_unnumbered(segment: Segment) -> None:
    """An arrangements section without numbers: each title line or paragraph is an activity."""
    own: list[Line] = []
    blocks: list[Block] = []
    for line in segment.lines:
        if is_label_line(line) or line.key.startswith(("(", "（")) or _continues(blocks, line):
            (blocks[-1].body if blocks else own).append(line)
            continue
        blocks.append(Block(first=line, title_start=0))
    segment.lines = own
    segment.blocks = blocks


def _continues(blocks: list[Block], line: Line) -> bool:
    if not blocks:
        return False
    block = blocks[-1]
    previous = block.body[-1] if block.body else block.first
    if previous.continues:
        return True
    is_short_title = not block.body and len(block.first.key) <= 30 and "。" not in block.first.key
    return is_short_title and "。" in line.key


def _find_stray_activities(segment: Segment) -> None:
    """With no arrangements heading at all, numbered paragraphs that carry dates or units are activities."""
    numbered = [line for line in segment.lines if line.numbering is not None and line.numbering.style != "bullet"]
    if len(numbered) < 2:
        return
    style = numbered[0].numbering.style if numbered[0].numbering else None
    items = [line for line in numbered if line.numbering is not None and line.numbering.style == style]
    with_evidence = [line for line in items if find_date_phrase(line.key) or not roles_in(line.key).is_empty()]
    if len(with_evidence) * 2 < len(items) or len(items) < 2:
        return
    own: list[Line] = []
    blocks: list[Block] = []
    item_numbers = {line.number for line in items}
    for line in segment.lines:
        if line.number in item_numbers and line.numbering is not None:
            blocks.append(Block(first=line, title_start=line.numbering.end))
        elif blocks and not blocks[-1].body and (is_label_line(line) or line.key.startswith(("(", "（"))):
            blocks[-1].body.append(line)
        else:
            own.append(line)
    segment.lines = own
    segment.blocks = blocks


def section_items(segment: Segment, section_style: str | None) -> list[str]:
    """The numbered items of a section (rest of the numbered line plus its continuation), or its paragraphs."""
    lines = segment.lines
    style = next(
        (
            line.numbering.style
            for line in lines
            if line.numbering is not None and line.numbering.style != section_style
        ),
        None,
    )
    items: list[list[Line]] = []
    if style is not None:
        for line in lines:
            if line.numbering is not None and line.numbering.style == style:
                items.append([line])
            elif items:
                items[-1].append(line)
        return [_item_text(group) for group in items]
    if segment.kind in ("priorities", "requirements"):
        paragraphs: list[list[Line]] = []
        for line in lines:
            if paragraphs and paragraphs[-1][-1].continues:
                paragraphs[-1].append(line)
            else:
                paragraphs.append([line])
        return [_ENUMERATION_MARK.sub("", _item_text(group)) for group in paragraphs]
    return []


def _item_text(lines: list[Line]) -> str:
    first = lines[0]
    start = first.numbering.end if first.numbering is not None else 0
    pieces = [(first.clean[start:].strip(), first.key[start:], first.continues)]
    pieces += [(line.clean, line.key, line.continues) for line in lines[1:]]
    return join_text(pieces)[0]
