"""Facts about the document as a whole: title, cover notice, region, theme, contacts, signature.

Functions read Lines (clean text for output, key for matching).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import date_of_line
from .draft import Contact
from .normalise import Line, make_key
from .units import is_unit_name, split_units

_TITLE_WORD = re.compile(
    r"方案|计划|安排|通知|总结|要点|活动|宣传周|意见|报告|汇报|纪实|综述|议程|启动|举行|举办|开展|质量月|科技周"
)
_PLAN_WORD = re.compile(r"方案|计划|安排|要点|议程")
_NOTICE_WORD = re.compile(r"通知$|通知》?$|的通知")
_NOT_TITLE_START = re.compile(r"附件|各|为|根据|按照|现将|经|今年|近日|日前|据|本报|记者")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,14}\s*[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*第?\s*\d{1,4}\s*号")
_ATTACHMENT = re.compile(r"附件\s*\d{0,2}\s*[:：.、]?\s*")
_ATTACHMENT_ITEM = re.compile(r"(?:\d{1,2}\s*[.、．]|[(]\d{1,2}[)])\s*")
_YEAR_PREFIX = re.compile(r"(?:(?:19|20)\d{2}|(?:19|20)[xX×*_]{2}|[二〇零○一三四五六七八九]{4})\s*年度?")
_REGION = re.compile(
    r"(?:[\u4e00-\u9fff]{1,10}?(?:省|自治区|特别行政区|市|州|盟|地区|县|区|旗)){1,3}?"
    r"(?=(?:(?:19|20)\d{2}|20[xX×]{2})|知识产权|科技|国家|网络|质量|食品|全国|全省|全市|\"|“|关于|开展|举办|启动|第|度|年)"
)
_REGION_PREFIX = re.compile(r"关于(?:印发|组织开展|开展|举办|做好)?")
_INSTITUTION = re.compile(r"局|厅|委|院|学|公司|会|中心|大学|政府|办")
_PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
    "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)  # fmt: skip
_WEEK_REGION = re.compile(r"宣传周([\u4e00-\u9fff]{2,3})活动")
_PLACEHOLDER_REGION = re.compile(r"^(?:[xX×*＊]{1,3}|某)(?:省|市|县|区|州)")
_THEME_QUOTED = re.compile(
    r"主题(?:词)?(?:为|是)[:：]?\s*\"([^\"\n]{2,60})\"|以\"([^\"\n]{2,60})\"为(?:活动)?主题"
    r"|围绕\"([^\"\n]{2,60})\"(?:的|这一|这个)?(?:活动)?主题"
)
_PLACEHOLDER_TEXT = re.compile(r"^[\sxX×*＊.…_□○]+$")
_CONTACT_NAME = re.compile(
    r"联系人(?:及(?:联系)?电话|和电话)?\s*[:：]\s*([\u4e00-\u9fff]{2,4}?|[xX×*]{2,4})(?=\s|[,，;；、(]|电话|手机|$|\d)"
)
_PHONE = re.compile(r"(?<!\d)(?:\(?0\d{2,3}\)?\s*[-—]?\s*\d{7,8}(?:\s*(?:-|转)\s*\d{1,5})?|1[3-9]\d{9})(?!\d)")
_PHONE_LABEL = re.compile(r"(?:联系)?电话|手机|联系方式|tel", re.IGNORECASE)
_STAMP_LINE = re.compile(r"[(]此(?:件|页)[^()]{0,20}[)]|抄送\s*[:：].*|.*印发$")
_HEADER_SUFFIX = re.compile(r"\s*文件$")


@dataclass(slots=True)
class Front:
    """The top of the document: its title and any cover notice."""

    title: str | None = None
    title_lines: list[int] = field(default_factory=list)  # indexes into the content lines
    notice_title: str | None = None
    is_notice: bool = False
    body_start: int = 0  # index of the first content line that may be a section heading


def is_title_like(line: Line) -> bool:
    """Short, unpunctuated, and worded like a title (方案, 通知, 总结, 活动…)."""
    key = line.key.strip()
    if not 4 <= len(key) <= 80 or "。" in key or key[-1] in ",，;；:：、" or line.numbering is not None:
        return False
    if _NOT_TITLE_START.match(key) or date_of_line(key) or _DOC_NUMBER.fullmatch(key) or is_unit_name(key):
        return False
    return bool(_TITLE_WORD.search(key))


def find_front(content: list[Line], limit: int) -> Front:
    """Title, notice and where the plan body starts, looking at content[:limit]."""
    front = Front()
    candidates = _title_candidates(content[:limit])
    if not candidates:
        return front
    notice = next((c for c in candidates if _NOTICE_WORD.search(_key_of(content, c))), None)
    after_notice = [c for c in candidates if notice is None or c[0] > notice[-1]]
    plan = next((c for c in after_notice if _PLAN_WORD.search(_key_of(content, c))), None)
    if notice is not None:
        front.notice_title = _text_of(content, notice)
        front.is_notice = _has_notice_marks(content[:limit])
    chosen = plan or notice or candidates[0]
    front.title = _text_of(content, chosen)
    front.title_lines = list(chosen)
    if notice is not None and plan is not None:
        front.body_start = plan[-1] + 1
    return front


def _title_candidates(lines: list[Line]) -> list[tuple[int, ...]]:
    candidates: list[tuple[int, ...]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if is_title_like(line):
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following is not None and _continues_title(line, following):
                candidates.append((index, index + 1))
                index += 2
                continue
            candidates.append((index,))
        index += 1
    return candidates


def _continues_title(line: Line, following: Line) -> bool:
    ending = re.compile(r"(?:方案|计划|通知|总结|安排|要点|活动)》?$")
    if ending.search(line.key) or following.numbering is not None or len(following.key) > 40:
        return False
    joined = line.key + following.key
    return "。" not in following.key and bool(ending.search(joined)) and not is_unit_name(following.key)


def _key_of(content: list[Line], indexes: tuple[int, ...]) -> str:
    return "".join(content[i].key for i in indexes)


def _text_of(content: list[Line], indexes: tuple[int, ...]) -> str:
    return "".join(content[i].clean for i in indexes).strip()


def _has_notice_marks(lines: list[Line]) -> bool:
    """A cover notice shows a 文号, an addressee line ending in ：, or an 附件 line."""
    return any(
        _DOC_NUMBER.fullmatch(line.key.strip())
        or _ATTACHMENT.match(line.key)
        or (line.key.rstrip().endswith((":", "：")) and len(line.key) <= 80 and line.key.startswith("各"))
        for line in lines
    )


def doc_number_of(lines: list[Line]) -> str | None:
    """A 发文字号 standing on its own line (not one quoted inside a sentence)."""
    for line in lines:
        match = _DOC_NUMBER.fullmatch(line.key.strip())
        if match:
            return line.clean.strip()
    return None


def region_of(title: Line | None, title_text: str | None, content: list[Line]) -> tuple[str | None, bool]:
    """The region named in the title ('2018年辽源市…' → 辽源市) or in '宣传周广西活动'.

    The flag says whether the title's region was a placeholder (XX市).
    """
    if title is not None and title_text:
        key, clean = _title_key_clean(title, title_text)
        start = _region_start(key)
        if _PLACEHOLDER_REGION.match(key[start:]):
            return None, True
        match = _REGION.match(key, start)
        if match and not _INSTITUTION.search(match.group()) and not match.group().startswith("全国"):
            return clean[match.start() : match.end()], False
        province = next((name for name in _PROVINCES if key.startswith(name, start)), None)
        if province:
            return clean[start : start + len(province)], False
    for line in content:
        match = _WEEK_REGION.search(line.key)
        if match and (match.group(1) in _PROVINCES or match.group(1).endswith(("省", "市", "县", "区"))):
            return line.clean[match.start(1) : match.end(1)], False
    return None, False


def _title_key_clean(title: Line, title_text: str) -> tuple[str, str]:
    return make_key(title_text), title_text


def _region_start(key: str) -> int:
    start = 0
    prefix = _REGION_PREFIX.match(key)
    if prefix:
        start = prefix.end()
    year = _YEAR_PREFIX.match(key, start)
    return year.end() if year else start


def theme_from_text(clean: str, key: str) -> str | None:
    """The theme in a theme section's text, without quotation marks; None for a placeholder."""
    quoted = _THEME_QUOTED.search(key)
    if quoted:
        group = next(index for index in (1, 2, 3) if quoted.group(index))
        return _tidy_theme(clean[quoted.start(group) : quoted.end(group)])
    first_line = clean.split("\n", 1)[0]
    return _tidy_theme(first_line)


def theme_in_sentence(clean: str, key: str) -> str | None:
    """'主题为“X”' · '以“X”为主题' · '围绕“X”的主题' anywhere in running text."""
    quoted = _THEME_QUOTED.search(key)
    if quoted is None:
        return None
    group = next(index for index in (1, 2, 3) if quoted.group(index))
    return _tidy_theme(clean[quoted.start(group) : quoted.end(group)])


def _tidy_theme(text: str) -> str | None:
    text = re.sub(r"^(?:活动|宣传)?主题(?:词)?\s*[:：]\s*", "", text.strip())
    text = text.strip().rstrip("。.").strip().strip("\"'“”‘’「」『』").strip()
    text = re.sub(r"\s+", " ", text)
    if not text or _PLACEHOLDER_TEXT.match(text) or len(text) > 80:
        return None
    return text


def is_placeholder_theme(text: str) -> bool:
    """Whether a theme line is only a placeholder (××××, XXX, ……)."""
    stripped = text.strip().strip("\"'“”")
    return bool(stripped) and bool(_PLACEHOLDER_TEXT.match(stripped))


def contacts_of(lines: list[Line]) -> list[Contact]:
    """联系人 and phone numbers: '联系人：张三，电话：0771-1234567'."""
    contacts: list[Contact] = []
    for line in lines:
        if "联系" not in line.key and not _PHONE_LABEL.search(line.key):
            continue
        contacts.extend(_contacts_in(line))
    return contacts


def _contacts_in(line: Line) -> list[Contact]:
    key, clean = line.key, line.head
    found: list[Contact] = []
    for name in _CONTACT_NAME.finditer(key):
        segment_end = _next_contact(key, name.end())
        phone = _PHONE.search(key, name.end(), segment_end)
        value = clean[name.start(1) : name.end(1)]
        found.append(
            Contact(
                name=None if re.fullmatch(r"[xX×*]+", value) else value,
                phone=clean[phone.start() : phone.end()].strip() if phone else None,
            )
        )
    if not found and _PHONE_LABEL.search(key):
        phone = _PHONE.search(key)
        if phone and "联系" in key:
            found.append(Contact(name=None, phone=clean[phone.start() : phone.end()].strip()))
    return found


def _next_contact(key: str, position: int) -> int:
    following = key.find("联系人", position)
    return len(key) if following == -1 else following


def attachments_of(lines: list[Line]) -> list[str]:
    """附件 titles: '附件：X', '附件1：X', and numbered lines right after '附件：1.X'."""
    titles: list[str] = []
    in_list = False
    for line in lines:
        match = _ATTACHMENT.match(line.key)
        if match and match.end() < len(line.key):
            titles.append(_attachment_title(line, match.end()))
            in_list = True
            continue
        if in_list and line.numbering is not None and line.numbering.style == "digit" and "。" not in line.key:
            titles.append(_attachment_title(line, 0))
            continue
        in_list = False
    return [title for title in titles if title]


def _attachment_title(line: Line, start: int) -> str:
    item = _ATTACHMENT_ITEM.match(line.key, start)
    if item:
        start = item.end()
    return line.clean[start:].strip().strip("《》").strip()


def is_org_line(line: Line) -> bool:
    """A line that is only an organisation's name (a signature or a letterhead)."""
    key = _HEADER_SUFFIX.sub("", line.key.strip())
    return len(key) <= 40 and not re.search(r"[。，,；;：:]", key) and bool(is_unit_name(key))


def org_name(line: Line) -> str:
    """The organisation named by an org line, without a letterhead's 文件."""
    clean = line.clean.strip()
    return clean[:-2].strip() if clean.endswith("文件") else clean


def is_stamp_line(line: Line) -> bool:
    """（此件主动公开）, 抄送：…, …印发 — the marks below a signature."""
    return bool(_STAMP_LINE.fullmatch(line.key.strip()))


def is_attachment_line(line: Line) -> bool:
    """'附件' or '附件：X'."""
    return bool(_ATTACHMENT.match(line.key))


def notice_issuer(notice_title: str | None) -> str | None:
    """'江西省知识产权局关于印发…的通知' → 江西省知识产权局."""
    if not notice_title:
        return None
    position = notice_title.find("关于")
    if position < 2:
        return None
    prefix = notice_title[:position].strip()
    return prefix if split_units(make_key(prefix), 0, len(prefix)) else None
