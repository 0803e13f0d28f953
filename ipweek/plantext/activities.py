"""Turning a block of lines under an arrangements heading into activities with their children.

An activity is a numbered item (or, in an unnumbered list, a title line or paragraph). Its
children are, in this order of preference:

1. numbered or bulleted lines inside it (seed 003 （九）'s 1.–6.);
2. a later paragraph that names its own lead unit when the first one already did (seed 003 （一）'s
   exhibition area 由自治区知识产权局牵头);
3. within its text, ``一是…二是…`` enumerations (seed 000 item 2), or else ``；``-separated clauses
   of which at least two say where they happen (seed 000 item 3).

Children of kind 3 are split out of lines that stay with the parent, so their ``lines`` are empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DatePhrase, find_date_phrase, find_time, period_after, resolve
from .draft import ActivityDraft
from .headings import ACTIVITY_LABELS, keyword_at
from .noise import has_spam
from .normalise import Line, make_key
from .tables import Columns, table_activity
from .units import Roles, names_a_lead, roles_in, split_units

_SENTENCE_END = '。；;！!？?:：)）”"'
_ENUMERATION = re.compile(r"(?:^|(?<=[。；;，,:：\s]))([一二三四五六七八九十]是)")
_CLAUSE_SEMICOLON = re.compile(r"[；;]")
_VENUE_LABEL = re.compile(r"(?:活动|举办|宣传)?地点\s*[:：]\s*([^;；。\n]{2,60})")
_VENUE_VERB = re.compile(
    r"组织开展|滚动播放|统筹安排|举办|举行|召开|开展|开设|设立|设置|(?<![建开增陈预假])设(?![计施备])|组织|播放|发布|推送|进行|悬挂|张贴|展示|展出|"
    r"上线|开通|启动|布置|摆放|搭建|发放|接受|受理|主办|承办|安排|邀请|向|为|对|面向|播出|直播|宣讲|讲解|开放|签约|"
    r"参观|演示|同步"
)
# '在X公众号上推送' names a publication channel, not where the activity happens.
_PUBLISHING_VERBS = frozenset({"发布", "推送", "播出"})
_CHANNEL = re.compile(r"公众号|微信|微博|网站|门户|客户端|头条号|视频号|抖音")
_PLACE_NOUN_AFTER = re.compile(r"[厅室馆场台楼院所会园站厦]|中心")
_NOUN_FORMING = frozenset({"发布", "展示", "展出", "受理", "演示", "宣讲", "直播", "接待", "开放", "播放", "安排"})
_PLACE_PREFIX = re.compile(r"^位于.{1,15}?的")
_PLACE_REJECT_START = re.compile(r"^(?:全|此|这|本|其|当地|实际|工作|期间|宣传周期间|各[省市县区地](?:[市县区]|$))")
_PLACE_REJECT_END = re.compile(r"(?:期间|之际|过程|方面|领域|基础|同时|前提|条件|情况|形势|背景|时候|时|后|前|下)$")
_PLACE_ABSTRACT = re.compile(r"活动|期间|宣传周|工作|过程|基础|宣教|知识")
_PLACE_CONCRETE = re.compile(
    r"现场|广场|中心|会场|基地|大厅|馆|厅|室|园|网|台|楼|场|街|路|区|市|县|镇|村|社区|校|院|所|局|公司|厂|店|号"
)
_TITLE_STOP = re.compile(r"。|(?<!\d)[:：]|[:：](?!\d)")  # not the colon of a clock time
_UNITS_ONLY_TITLE_TAIL = re.compile(r"[(（]([^()（）]{2,80})[)）]$")


@dataclass(slots=True)
class Block:
    """The lines of one activity: the line that opens it (if numbered or a title) and the rest."""

    first: Line
    title_start: int  # where the title starts in first.clean (after the number)
    body: list[Line] = field(default_factory=list)
    columns: Columns | None = None  # set for a table row: which cell holds what


def join_text(pieces: list[tuple[str, str, bool]]) -> tuple[str, str]:
    """Join (clean, key, continues) pieces with newlines, except after a piece that runs on (PDF wrapping)."""
    clean_parts: list[str] = []
    key_parts: list[str] = []
    runs_on = False
    for clean, key, continues in pieces:
        if not clean:
            continue
        if clean_parts:
            clean_parts.append("" if runs_on else "\n")
            key_parts.append("" if runs_on else "\n")
        clean_parts.append(clean)
        key_parts.append(key)
        runs_on = continues
    return "".join(clean_parts), "".join(key_parts)


def is_label_line(line: Line) -> bool:
    """'时间：…', '地点：…', '主办单位：…' (also after a bullet: '- 时间：…')."""
    start = line.numbering.end if line.numbering is not None and line.numbering.style == "bullet" else 0
    found = keyword_at(line.key, start)
    if found is not None and found[0] in ACTIVITY_LABELS and line.key[found[1] : found[1] + 1] in (":", "："):
        return True
    return bool(
        re.match(r"(?:主办|承办|协办|执行承办|牵头|负责|配合|协助|内容|形式|对象)(?:单位)?\s*[:：]", line.key[start:])
    )


def build_activity(block: Block, *, year: int | None) -> ActivityDraft:
    """One activity from its block of lines, with children and every field the text gives."""
    if block.columns is not None:
        return table_activity(block.first, block.columns, year=year)
    first = block.first
    title_key = first.key[block.title_start :]
    title_clean = first.head[block.title_start :]
    title, title_is_whole_line, text_start = _title(title_clean, title_key)
    parent_lines, child_blocks = _split_child_lines(block.body)
    has_lead = not title_is_whole_line and names_a_lead(title_key)
    lead_children, parent_lines = _lead_paragraph_children(parent_lines, has_lead=has_lead, year=year)
    activity = ActivityDraft(title=title, lines=[first.number] + [line.number for line in parent_lines])
    activity.description = _description(first, block.title_start, title_is_whole_line, parent_lines)
    children = [build_activity(child, year=year) for child in child_blocks] + lead_children
    activity.children = sorted(children, key=lambda child: child.lines[0] if child.lines else 0)
    pieces = [(line.head, line.key, line.continues) for line in parent_lines]
    if title_is_whole_line:
        body_clean, body_key = join_text(pieces)
        clean, key, body_start = f"{title_clean}\n{body_clean}", f"{title_key}\n{body_key}", len(title_clean) + 1
    else:
        clean, key = join_text([(title_clean, title_key, first.continues), *pieces])
        body_start = text_start
    own_end = len(key)
    if not activity.children:
        activity.children, own_end = _inline_children(clean, key, body_start, year=year)
    # A first line that is a whole sentence ('1.自治区知识产权局将组织…。') is prose: its subject counts.
    is_sentence = title_is_whole_line and title_key.rstrip().endswith(("。", ";", "；", "!", "！"))
    _fill_fields(activity, clean, key, body_start, own_end, year=year, roles_from=0 if is_sentence else body_start)
    return activity


def _title(clean: str, key: str) -> tuple[str, bool, int]:
    """The title, whether it is the whole first line, and where the line's own text starts after it."""
    text = clean.strip()
    stop = _TITLE_STOP.search(key)
    if stop is not None and 0 < stop.start() <= 40 and key[stop.end() :].strip():
        return _tidy_title(clean[: stop.start()]), False, stop.end()
    if len(text) <= 40:
        return _tidy_title(text), True, len(clean)
    return prose_title(clean, key), False, 0


def _tidy_title(title: str) -> str:
    title = title.strip().rstrip("。.；;，,:：").strip()
    match = _UNITS_ONLY_TITLE_TAIL.search(title)
    if match and split_units(make_key(title), match.start(1), match.end(1)):
        title = title[: match.start()].strip()
    return title


def prose_title(clean: str, key: str) -> str:
    """A title for an untitled paragraph: its first sentence, or its first real clause when that is long."""
    start = 0
    phrase = find_date_phrase(key)
    if phrase is not None and phrase.start == 0:
        start = phrase.end
    clock = find_time(key[start:])
    if clock is not None and clock[0] == 0:
        start += clock[1]
    while start < len(key) and key[start] in " ,，、":
        start += 1
    sentence = re.search(r"[。；;！!？?\n]", key[start:])
    end = start + sentence.start() if sentence else len(key)
    if end - start > 40:
        clause = re.search(r"[,，]", key[start:end])
        if clause is not None and clause.start() >= 4:
            end = start + clause.start()
    return _tidy_title(clean[start:end]) or _tidy_title(clean)


def _description(first: Line, title_start: int, title_is_whole_line: bool, lines: list[Line]) -> str:
    pieces = (
        [] if title_is_whole_line else [(first.clean[title_start:].strip(), first.key[title_start:], first.continues)]
    )
    pieces += [(line.clean, line.key, line.continues) for line in lines]
    return join_text(pieces)[0]


def _split_child_lines(body: list[Line]) -> tuple[list[Line], list[Block]]:
    """Lines of the parent and blocks of numbered/bulleted children (the first numbering style seen)."""
    parent: list[Line] = []
    children: list[Block] = []
    style: str | None = None
    for line in body:
        numbering = line.numbering
        opens_child = (
            numbering is not None
            and not is_label_line(line)
            and (style is None or numbering.style == style)
            and len(line.key) > numbering.end
        )
        if opens_child and numbering is not None:
            style = numbering.style
            children.append(Block(first=line, title_start=numbering.end))
        elif children:
            children[-1].body.append(line)
        else:
            parent.append(line)
    return parent, children


def _lead_paragraph_children(
    lines: list[Line], *, has_lead: bool, year: int | None
) -> tuple[list[ActivityDraft], list[Line]]:
    """A later paragraph with its own lead unit, after one that already named a lead, is a sub-activity."""
    children: list[ActivityDraft] = []
    remaining: list[Line] = []
    if not has_lead and len(lines) < 2:
        return children, list(lines)
    previous: Line | None = None
    for line in lines:
        wrapped = previous is not None and previous.continues
        previous = line
        if wrapped or is_label_line(line) or line.key.startswith(("(", "（")):
            remaining.append(line)
            continue
        has_own_lead = names_a_lead(line.key)
        if has_own_lead and has_lead:
            child = _prose_activity(line.head, line.key, year=year)
            child.lines = [line.number]
            child.description = line.clean
            children.append(child)
            continue
        remaining.append(line)
        has_lead = has_lead or has_own_lead
    return children, remaining


def _inline_children(clean: str, key: str, offset: int, *, year: int | None) -> tuple[list[ActivityDraft], int]:
    """Children written inside the text, and where the parent's own text ends.

    一是…二是… enumerations, or else ；-clauses of which at least two name their own venue.
    """
    markers = [match for match in _ENUMERATION.finditer(key, offset) if match.group(1)]
    if len(markers) >= 2 and markers[0].group(1) == "一是" and markers[1].group(1) == "二是":
        spans = [(m.end(), markers[i + 1].start() if i + 1 < len(markers) else len(key)) for i, m in enumerate(markers)]
        children = [_prose_activity(clean[s:e], key[s:e], year=year) for s, e in spans]
        return children, markers[0].start()
    clauses = _semicolon_clauses(key, offset)
    if len(clauses) >= 2 and sum(1 for s, e in clauses if find_venue(key[s:e]) is not None) >= 2:
        return [_prose_activity(clean[s:e], key[s:e], year=year) for s, e in clauses], clauses[0][0]
    return [], len(key)


def _semicolon_clauses(key: str, offset: int) -> list[tuple[int, int]]:
    paragraph_end = key.find("\n", offset)
    end = len(key) if paragraph_end == -1 else paragraph_end
    spans, start = [], offset
    for match in _CLAUSE_SEMICOLON.finditer(key, offset, end):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, end))
    return [(s, e) for s, e in spans if e - s >= 8] if len(spans) >= 2 else []


def _prose_activity(clean: str, key: str, *, year: int | None) -> ActivityDraft:
    clean, key = clean.strip(), key.strip()
    activity = ActivityDraft(title=prose_title(clean, key), description=clean.rstrip("。；;").strip())
    _fill_fields(activity, clean, key, 0, len(key), year=year)
    return activity


def _fill_fields(
    activity: ActivityDraft,
    clean: str,
    key: str,
    body_start: int,
    own_end: int,
    *,
    year: int | None,
    roles_from: int = 0,
) -> None:
    """Date, time, venue and units of an activity from its text (units and venue only from its own part)."""
    phrase = find_date_phrase(key[body_start:])
    base = body_start
    if phrase is None:
        phrase, base = find_date_phrase(key[:body_start]), 0
    if phrase is not None:
        activity.date_text = clean[base + phrase.start : base + phrase.end].strip()
        activity.start_date, activity.end_date = resolve(phrase, year)
    activity.time_text = _time_text(clean, key, body_start, phrase if base == body_start else None)
    own_key = key[:own_end]
    venue, base = find_venue(own_key[body_start:]), body_start
    if venue is None:
        venue, base = find_venue(own_key[:body_start]), 0
    if venue is not None:
        activity.venue = clean[base + venue[0] : base + venue[1]].strip()
    _apply_roles(activity, clean, roles_in(own_key, inline_from=roles_from))


def _time_text(clean: str, key: str, body_start: int, body_phrase: DatePhrase | None) -> str | None:
    """The first clock time of the text after the title, else a bare 上午/下午 right after its date."""
    clock = find_time(key[body_start:])
    if clock is not None:
        return clean[body_start + clock[0] : body_start + clock[1]].strip()
    if body_phrase is not None:
        period = period_after(key, body_start + body_phrase.end)
        if period is not None:
            return clean[period[0] : period[1]]
    return None


def _apply_roles(activity: ActivityDraft, clean: str, roles: Roles) -> None:
    def names(spans: list[tuple[int, int]]) -> list[str]:
        result = []
        for start, end in spans:
            name = clean[start:end].strip(" \"“”‘’'《》")
            if name and name not in result and not has_spam(name):
                result.append(name)
        return result

    support = sorted(roles.support + roles.host)
    activity.lead_units = names(roles.lead)
    activity.support_units = [name for name in names(support) if name not in activity.lead_units]


def find_venue(key: str) -> tuple[int, int] | None:
    """Span of the venue: '地点：X', or 'X' in '在X举办/举行/开展…'."""
    label = _VENUE_LABEL.search(key)
    if label is not None:
        return label.span(1)
    position = key.find("在")
    tries = 0
    while position != -1 and tries < 8:
        tries += 1
        span = _venue_after(key, position + 1)
        if span is not None:
            return span
        position = key.find("在", position + 1)
    return None


def _venue_after(key: str, start: int) -> tuple[int, int] | None:
    window_end = start
    while window_end < len(key) and window_end - start < 40 and key[window_end] not in ",，。;；:：\n":
        window_end += 1
    for verb in _VENUE_VERB.finditer(key, start + 2, window_end):
        if verb.group() in _NOUN_FORMING and _PLACE_NOUN_AFTER.match(key, verb.end()):
            continue  # '新闻发布厅', '展示中心' are places, not actions
        place_start, place_end = start, verb.start()
        prefix = _PLACE_PREFIX.match(key[place_start:place_end])
        if prefix is not None and place_end - place_start - prefix.end() >= 2:
            place_start += prefix.end()
        if place_end - place_start > 2 and key[place_end - 1] in "上内中里":
            place_end -= 1
        if verb.group() in _PUBLISHING_VERBS and _CHANNEL.search(key, place_start, place_end):
            continue
        if _is_place(key[place_start:place_end]):
            return place_start, place_end
    return None


def _is_place(place: str) -> bool:
    if not 2 <= len(place) <= 40 or _PLACE_REJECT_START.search(place) or _PLACE_REJECT_END.search(place):
        return False
    return not (_PLACE_ABSTRACT.search(place) and not _PLACE_CONCRETE.search(place))
