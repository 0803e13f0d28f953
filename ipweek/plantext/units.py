"""Lead and supporting units in every form plans use.

Forms (plan-genre.md): '由X、Y共同组织，A、B承办'; '由X牵头，Y配合'; 'X主办，Y承办，Z执行承办' chains;
the subject of a sentence ('自治区商务厅向…', 'X将联合Y开展…'); '与X共同开展…'; label lines and
inline labels ('主办单位：X', '（责任单位：X；配合单位：Y）', '负责：X'); a trailing '（X、Y）'.

Everything reads the matching key and returns spans, so names come out as written (original script,
original punctuation). 承办 ("hosts") are supporting units when the activity names a lead, and the
lead otherwise — plan-genre.md lists '(承办单位:X)' among the ways plans name who is responsible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import date_phrase_at, time_at

LEAD = "lead"
SUPPORT = "support"
HOST = "host"

_UNIT_END = re.compile(
    r"(?:局|厅|委|办|中心|政府|公司|集团|银行|支行|分行|海关|法院|检察院|院|院所|派出所|研究所|事务所|检测所|"
    r"大学|中学|小学|学校|高校|幼儿园|电视台|电台|报社|出版社|杂志社|通讯社|合作社|妇联|文联|侨联|残联|工商联|科协|"
    r"会|部|部门|单位|机构|企业|处|科|室|馆|站|总队|支队|大队|中队|园区|业园|技园|基地|署|司|组|联|团|"
    r"街道|镇街|办事处|中小学|中央|少年宫|文化宫|班主任|老师|教师|年级组|教研组)$"
)
_NOT_UNIT_END = re.compile(
    r"(?:格局|布局|大局|全局|开局|结局|时局|骗局|大厅|展厅|客厅|餐厅|举办|承办|主办|协办|创办|开办|兴办|督办|交办|操办|"
    r"筹办|代办|查办|申办|合办|联办|好处|各处|到处|之处|此处|相处|益处|用处|难处|深处|远处|处处|场所|住所|处所|全部|"
    r"内部|外部|局部|干部|学科|本科|理科|文科|专科|教室|会议室|网站|车站|晚会|大会|座谈会|发布会|展会|交流会|研讨会|"
    r"报告会|推介会|培训会|博览会|运动会|动员会|见面会|通气会|推进会|对接会|宣讲会|表彰会|讨论会|茶话会|联谊会|"
    r"演唱会|音乐会|招聘会|洽谈会|展销会|年会|例会|班会|盛会|机会|社会|都会|体会|领会|不会|大学生|中学生|"
    r"小学生|同学|集团化|共青团|小组长|副组|分组|编组|一组|每组)$"
)
_SEPARATORS = "、,，/;；"
_JOINERS = ("以及", "和", "及", "与")
_ADVERBS = re.compile(
    r"(?:将|要|拟|还|也|分别|共同|积极|主动|统一|已|正|再|均|各自|适时|择期|及时|按时|定期|集中|继续|专门|全面|广泛|深入|"
    r"认真|具体|全力|大力|负责|联合|一起|一道|等单位|等部门|等有关单位|等相关单位|等)$"
)
_GAP = re.compile(r"(?:门户网站|官方网站|官网|网站|微信公众号|公众号)$")
_ROLE = re.compile(
    r"执行承办|联合承办|共同承办|联合主办|共同主办|牵头组织|牵头负责|负责组织|负责实施|共同组织|联合组织|组织实施|"
    r"主办|承办|协办|牵头|负责|组织|举办|配合|协助|参与|支持|指导|协同"
)
_ROLE_KIND = {
    "执行承办": SUPPORT, "联合承办": SUPPORT, "共同承办": SUPPORT, "协办": SUPPORT, "配合": SUPPORT,
    "协助": SUPPORT, "参与": SUPPORT, "支持": SUPPORT, "指导": SUPPORT, "协同": SUPPORT, "承办": HOST,
}  # fmt: skip
_SUBJECT_VERB = re.compile(
    r"开展|举办|举行|组织|召开|发布|向|在|联合|会同|协同|携手|通过|利用|制作|编印|编撰|编制|推出|启动|牵头|负责|对|为|"
    r"围绕|结合|深入|走进|进入|赴|前往|派出|安排|设立|设置|邀请|面向|针对|依托|集中|统筹|决定|定于|制定|特制定|印发|"
    r"出台|部署|征集|评选|表彰|发放|普及|组建|推进|实施|搭建|策划|协调|录制|播出|播放|刊发|刊登|受理|接待|承办|主办|"
    r"协办|配合|开通|上线|展出|展示|宣讲|走访|检查|查处|举报|提供|帮助|指导|解读|成立|开设"
)
_PARTNER_VERB = ("联合", "会同", "协同", "携手")
_NAME_CONTINUES = re.compile(r"[部处科局办委组室]|中心")
_PARTNER_START = re.compile(r"(?:与|同|会同|联合|协同|携手)")
_LABEL = re.compile(
    r"(?P<label>执行承办单位|主办单位|承办单位|协办单位|牵头单位|责任单位|负责单位|主责单位|实施单位|组织单位|配合单位|"
    r"参与单位|支持单位|协助单位|指导单位|责任部门|牵头部门|配合部门|执行承办|主办|承办|协办|牵头|负责|配合|协助)"
    r"\s*[:：]\s*"
)
_LABEL_KIND = {
    "主办单位": LEAD, "牵头单位": LEAD, "责任单位": LEAD, "负责单位": LEAD, "主责单位": LEAD, "实施单位": LEAD,
    "组织单位": LEAD, "责任部门": LEAD, "牵头部门": LEAD, "主办": LEAD, "牵头": LEAD, "负责": LEAD,
    "协办单位": SUPPORT, "执行承办单位": SUPPORT, "配合单位": SUPPORT, "参与单位": SUPPORT, "支持单位": SUPPORT,
    "协助单位": SUPPORT, "指导单位": SUPPORT, "配合部门": SUPPORT, "协办": SUPPORT, "执行承办": SUPPORT,
    "配合": SUPPORT, "协助": SUPPORT, "承办单位": HOST, "承办": HOST,
}  # fmt: skip
_CLAUSE_BREAK = re.compile(r"[,，;；。!！?？\n]|(?<!\d)[:：]|[:：](?!\d)")
_SENTENCE_BREAK = re.compile(r"[。;；!！?？\n]")
_SKIP_SENTENCE = re.compile(r"\s*(?:邀请|请|欢迎)")
_BASIS_CLAUSE = re.compile(r"\s*(?:根据|按照|依据|为了?|围绕|结合|贯彻|落实|在.{0,20}(?:下|中|上)$)")
_VERB_INSIDE = re.compile(
    r"参加|开展|举办|举行|召开|邀请|通过|利用|(?<!自)由|发布|组织(?!部|机构|委)|(?<![所存现实])在"
)
_PREPOSITION_START = re.compile(r"在|于|对|向(?!阳)|通过|利用|按照|从|由|为了|把|自(?!治)|经(?![开济])")
_CONSULTED = re.compile(r"经(.{2,40}?)(?:研究|同意|批准|审定)")


@dataclass(slots=True)
class Roles:
    """Unit spans found in one text, by role, in text order (offsets into that text)."""

    lead: list[tuple[int, int]] = field(default_factory=list)
    support: list[tuple[int, int]] = field(default_factory=list)
    host: list[tuple[int, int]] = field(default_factory=list)

    def add(self, kind: str, spans: list[tuple[int, int]]) -> None:
        getattr(self, kind).extend(spans)

    def is_empty(self) -> bool:
        return not (self.lead or self.support or self.host)


def is_unit_name(name: str) -> bool:
    """Whether ``name`` (a key) reads like an organisation: 市知识产权局, 广西贸促会, 各成员单位."""
    name = name.strip()
    if not 2 <= len(name) <= 40 or _NOT_UNIT_END.search(name) or _VERB_INSIDE.search(name):
        return False
    return bool(_UNIT_END.search(name))


def split_units(key: str, start: int, end: int, *, lenient: bool = False) -> list[tuple[int, int]] | None:
    """Spans of the units listed in key[start:end], or None unless every part is a unit name.

    Splits on 、，/； outside parentheses and on 和/及/与 where both sides are units; drops a
    trailing 等/等单位. ``lenient`` accepts parts that are not recognisable unit names (labels).
    """
    start, end = _trim(key, start, end)
    end = _drop_etc(key, start, end)
    if end - start < 2:
        return None
    spans: list[tuple[int, int]] = []
    for part_start, part_end in _split_top_level(key, start, end):
        part_start, part_end = _trim(key, part_start, part_end)
        if part_end <= part_start:
            continue
        parts = _split_joined(key, part_start, part_end)
        if parts is None:
            if not lenient or part_end - part_start > 40:
                return None
            parts = [(part_start, part_end)]
        spans.extend(parts)
    return spans or None


def _trim(key: str, start: int, end: int) -> tuple[int, int]:
    strip = " \"'《》「」【】·"
    while start < end and key[start] in strip:
        start += 1
    while end > start and key[end - 1] in strip:
        end -= 1
    return start, end


def _drop_etc(key: str, start: int, end: int) -> int:
    for suffix in ("等有关单位", "等相关单位", "等单位", "等部门", "等"):
        if key.endswith(suffix, start, end) and end - len(suffix) - start >= 2:
            return end - len(suffix)
    return end


def _split_top_level(key: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, depth, part_start = [], 0, start
    for index in range(start, end):
        char = key[index]
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(depth - 1, 0)
        elif char in _SEPARATORS and depth == 0:
            parts.append((part_start, index))
            part_start = index + 1
    parts.append((part_start, end))
    return parts


def _split_joined(key: str, start: int, end: int, depth: int = 0) -> list[tuple[int, int]] | None:
    if end - start > 200:
        return None
    if depth <= 3:
        for joiner in _JOINERS:
            position = key.find(joiner, start + 2, min(end, start + 41))
            while position != -1:
                if is_unit_name(key[start:position]):
                    rest = _split_joined(key, position + len(joiner), end, depth + 1)
                    if rest is not None:
                        return [(start, position), *rest]
                position = key.find(joiner, position + 1, min(end, start + 41))
    return [(start, end)] if is_unit_name(key[start:end]) else None


def _clauses(key: str, start: int, end: int) -> list[tuple[int, int]]:
    clauses, clause_start = [], start
    for match in _CLAUSE_BREAK.finditer(key, start, end):
        clauses.append((clause_start, match.start()))
        clause_start = match.end()
    clauses.append((clause_start, end))
    return [(s, e) for s, e in clauses if e > s]


def sentences(key: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``key`` (split on 。；！？ and newlines)."""
    spans, sentence_start = [], 0
    for match in _SENTENCE_BREAK.finditer(key):
        spans.append((sentence_start, match.start()))
        sentence_start = match.end()
    spans.append((sentence_start, len(key)))
    return [(s, e) for s, e in spans if key[s:e].strip()]


def _skip_date_prefix(key: str, start: int, end: int) -> int:
    """Move past a leading date phrase or clock time inside a clause ('4月20日上午，…')."""
    for _ in range(3):
        while start < end and key[start] in " 于":
            start += 1
        moved = False
        phrase = date_phrase_at(key, start)
        if phrase is not None and start + phrase.end <= end:
            start += phrase.end
            moved = True
        clock_end = time_at(key, start)
        if clock_end is not None and clock_end <= end:
            start = clock_end
            moved = True
        if not moved:
            break
    return start


def _strip_trailing_date(key: str, start: int, end: int) -> int:
    """'市科技局于4月20日' → '市科技局'."""
    position = key.rfind("于", start + 2, end)
    if position != -1:
        phrase = date_phrase_at(key, position + 1)
        if phrase is not None and position + 1 + phrase.end >= end:
            return position
    return end


def roles_in(key: str, *, inline_from: int = 0) -> Roles:
    """Every unit the text names and the role it plays (labels, chains, 由…, subjects, trailing parens).

    Sentences that start before ``inline_from`` (an activity's title) only count labels and a
    trailing parenthesis: a title such as '知识产权政策进园区宣讲会' has no subject.
    """
    explicit = Roles()
    inline = Roles()
    _labels(key, explicit)
    for sentence_start, sentence_end in sentences(key):
        _trailing_parenthesis(key, sentence_start, sentence_end, explicit)
        if sentence_start < inline_from or _SKIP_SENTENCE.match(key, sentence_start) or key[sentence_start] in "(（":
            continue
        _sentence_roles(key, sentence_start, sentence_end, inline)
    return _merge(explicit, inline)


def _merge(explicit: Roles, inline: Roles) -> Roles:
    merged = Roles()
    for kind in (LEAD, SUPPORT, HOST):
        chosen = getattr(explicit, kind) or getattr(inline, kind)
        merged.add(kind, _unique_spans(chosen))
    return merged


def _unique_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    seen, result = set(), []
    for span in sorted(spans):
        if span not in seen:
            seen.add(span)
            result.append(span)
    return result


def _labels(key: str, roles: Roles) -> None:
    matches = list(_LABEL.finditer(key))
    for index, match in enumerate(matches):
        if match.start() > 0 and key[match.start() - 1] not in " (（,，;；。:：、-\n":
            continue
        value_end = matches[index + 1].start() if index + 1 < len(matches) else len(key)
        stop = re.compile(r"[;；。)）\n]").search(key, match.end(), value_end)
        value_end = stop.start() if stop else value_end
        spans = split_units(key, match.end(), value_end, lenient=True)
        if spans:
            roles.add(_LABEL_KIND[match.group("label")], spans)


def _trailing_parenthesis(key: str, start: int, end: int, roles: Roles) -> None:
    """A sentence ending in '（X、Y）' or '（牵头单位：X；配合单位：Y）' names its units there."""
    close = end
    while close > start and key[close - 1] in " 。.":
        close -= 1
    if close <= start or key[close - 1] not in ")）":
        return
    opening = _matching_open(key, start, close - 1)
    if opening is None or close - 1 - opening < 3:
        return
    inner_start, inner_end = opening + 1, close - 1
    if _LABEL.search(key, inner_start, inner_end):
        return  # labels are read by _labels
    found = Roles()
    for clause_start, clause_end in _clauses(key, inner_start, inner_end):
        _chain_clause(key, clause_start, clause_end, found)
    if found.is_empty():
        spans = split_units(key, inner_start, inner_end)
        if spans:
            found.lead.extend(spans)
    for kind in (LEAD, SUPPORT, HOST):
        roles.add(kind, getattr(found, kind))


def _matching_open(key: str, start: int, close: int) -> int | None:
    depth = 0
    for index in range(close, max(start, close - 200) - 1, -1):
        if key[index] in ")）":
            depth += 1
        elif key[index] in "(（":
            depth -= 1
            if depth == 0:
                return index
    return None


def _sentence_roles(key: str, start: int, end: int, roles: Roles) -> None:
    subject_done = False
    for clause_start, clause_end in _clauses(key, start, end):
        clause_start = _skip_date_prefix(key, clause_start, clause_end)
        if clause_end - clause_start < 2:
            continue
        if _chain_clause(key, clause_start, clause_end, roles):
            subject_done = True
            continue
        if _partner(key, clause_start, clause_end, roles):
            continue
        if not subject_done:
            subject_done = _subject(key, clause_start, clause_end, roles)


def _chain_clause(key: str, start: int, end: int, roles: Roles) -> bool:
    """'由X、Y共同组织' · 'A、B承办' · 'X主办，Y承办' · '市知识产权局牵头' (one clause)."""
    start, end = _trim(key, start, end)
    you = key.find("由", start, end)
    has_you = you != -1 and (you == start or key[you - 1] != "自") and not key.startswith("由于", you)
    cursor = you + 1 if has_you else start
    found: list[tuple[str, list[tuple[int, int]]]] = []
    for match in _ROLE.finditer(key, cursor, end):
        if match.start() < cursor:
            continue
        segment_end = _strip_adverbs(key, cursor, match.start())
        spans = split_units(key, cursor, segment_end) if segment_end - cursor >= 2 else None
        if spans is None:
            break
        found.append((_ROLE_KIND.get(match.group(), LEAD), spans))
        cursor = match.end()
        while cursor < end and key[cursor] in "、,， 和及":
            cursor += 1
    if not found or (not has_you and key[cursor:end].strip(" 工作单位")):
        return False
    for kind, spans in found:
        roles.add(kind, spans)
    return True


def _strip_adverbs(key: str, start: int, end: int) -> int:
    for _ in range(4):
        match = _ADVERBS.search(key, start, end)
        if match is None or match.start() - start < 2:
            break
        end = match.start()
    return end


def _partner(key: str, start: int, end: int, roles: Roles) -> bool:
    """'与东北袜业园共同开展…' names a supporting unit."""
    match = _PARTNER_START.match(key, start)
    if match is None:
        return False
    verb = _SUBJECT_VERB.search(key, match.end() + 2, min(end, match.end() + 60))
    segment_end = _strip_adverbs(key, match.end(), verb.start() if verb else end)
    spans = split_units(key, match.end(), segment_end)
    if spans:
        roles.support.extend(spans)
        return True
    return False


def _subject(key: str, start: int, end: int, roles: Roles) -> bool:
    """'自治区商务厅向…', '自治区知识产权局联合市县区知识产权局开展…', 'X、Y在Z举行…'."""
    if _BASIS_CLAUSE.match(key, start, end) or _PREPOSITION_START.match(key, start, end):
        return False
    for verb in _SUBJECT_VERB.finditer(key, start + 2, min(end, start + 60)):
        if _NAME_CONTINUES.match(key, verb.end()):
            continue
        subject_end = _strip_adverbs(key, start, _strip_trailing_date(key, start, verb.start()))
        subject_end = _strip_gap(key, start, subject_end)
        spans = split_units(key, start, subject_end)
        if spans is None:
            continue
        roles.lead.extend(spans)
        if verb.group() in _PARTNER_VERB:
            _partners_after(key, verb.end(), end, roles)
        return True
    return False


def _strip_gap(key: str, start: int, end: int) -> int:
    match = _GAP.search(key, start, end)
    return match.start() if match and match.start() - start >= 2 else end


def _partners_after(key: str, start: int, end: int, roles: Roles) -> None:
    verb = _SUBJECT_VERB.search(key, start + 2, end)
    segment_end = _strip_adverbs(key, start, verb.start() if verb else end)
    spans = split_units(key, start, segment_end)
    if spans:
        roles.support.extend(spans)


_MAY_NAME_LEAD = re.compile(r"由|牵头|主办|负责|组织|举办|[)）]\s*[。.]?\s*$")


def names_a_lead(key: str) -> bool:
    """Whether a paragraph names a lead unit of its own (a cheaper roles_in(key).lead)."""
    if _MAY_NAME_LEAD.search(key) or _LABEL.search(key):
        return bool(roles_in(key).lead)
    for sentence_start, sentence_end in sentences(key)[:1]:
        for clause_start, clause_end in _clauses(key, sentence_start, sentence_end)[:2]:
            clause_start = _skip_date_prefix(key, clause_start, clause_end)
            if clause_end - clause_start < 2:
                continue
            found = Roles()
            if _chain_clause(key, clause_start, clause_end, found):
                return bool(found.lead)
            return _subject(key, clause_start, clause_end, found)
    return False


def subject_units(key: str) -> list[tuple[int, int]]:
    """Units that are the subject of some clause of ``key`` (used for the issuer: '市科技局决定…')."""
    for sentence_start, sentence_end in sentences(key):
        for clause_start, clause_end in _clauses(key, sentence_start, sentence_end):
            clause_start = _skip_date_prefix(key, clause_start, clause_end)
            found = Roles()
            if _subject(key, clause_start, clause_end, found):
                return found.lead
    return []


def consulted_body(key: str) -> tuple[int, int] | None:
    """'经X研究，决定…' → span of X when X reads like a unit."""
    match = _CONSULTED.search(key)
    if match and is_unit_name(match.group(1)):
        return match.span(1)
    return None
