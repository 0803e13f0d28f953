"""Masking names and numbers in free text that leaves the office (typical cases, the API, the access log).

``casework.masking`` masks one known field at a time (a phone field, a name field). Free text is
harder: the facts of a case quote phone numbers, ID numbers, shop addresses and patent numbers in
passing, and name the parties again and again. :func:`redact` runs a fixed list of rules over the
text, then masks every occurrence of the names and numbers the case itself knows (:func:`known_of`),
so a name typed ten times is masked ten times, whatever its context.

Persons become ``张某``; organisations keep their place and legal form (``湖州市某有限公司``);
patent numbers keep their type and lose their serial (``ZL2023 1 0******.5``). Running
:func:`redact` on its own output changes nothing, so an edited write-up can be redacted again.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ipweek.casework.masking import mask_address, mask_email, mask_id_number, mask_phone
from ipweek.casework.models import Case

# Longest first: the legal form that ends an organisation's name, kept when the name is masked.
ORGANISATION_SUFFIXES = sorted(
    [
        "股份有限公司",
        "有限责任公司",
        "有限公司",
        "公司",
        "集团",
        "商行",
        "经营部",
        "商贸部",
        "门市部",
        "工作室",
        "旗舰店",
        "专卖店",
        "专营店",
        "网店",
        "分店",
        "商店",
        "店",
        "厂",
        "中心",
        "合作社",
        "事务所",
        "研究院",
        "研究所",
        "协会",
        "学校",
        "大学",
        "医院",
        "超市",
        "商城",
        "市场",
        "企业",
        "银行",
        "局",
    ],
    key=len,
    reverse=True,
)
_ORGANISATION_WORDS = re.compile("|".join(map(re.escape, ORGANISATION_SUFFIXES)) + "|Ltd|Co\\.|Inc|GmbH|LLC", re.I)
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z.'\-]*(?: [A-Za-z][A-Za-z.'\-]*){0,3}$")
_PLACE = re.compile(r"^(.{1,8}?(?:自治区|省|市|县|区|旗|镇|乡))")
PERSON_MARK = "某"

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# Only the characters a web address is made of, so Chinese text right after an address is left alone.
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+", re.I)
# Application and patent numbers (FACTS §4.1): YYYY T NNNNNNN.C, old YY T NNNNN.C, and CN publication numbers.
# With a ZL or CN prefix the number is unmistakable wherever it stands; a bare one needs no digit before it.
_PATENT_PREFIX = r"(?:(?P<prefix>(?:CN\s?)?ZL\s?|CN\s?)|(?<!\d))"
_PATENT_NEW = re.compile(
    _PATENT_PREFIX + r"(?P<year>(?:19|20)\d{2})(?P<gap1>\s?)(?P<type>[12389])(?P<gap2>\s?)"
    r"(?P<serial>\d{7})(?:\.(?P<check>[\dXx])|(?![0-9A-Za-z]))"
)
_PATENT_OLD = re.compile(_PATENT_PREFIX + r"(?P<year>\d{2})(?P<type>[12389])(?P<serial>\d{5})\.(?P<check>[\dXx])(?!\d)")
_PUBLICATION = re.compile(r"CN\s?(?P<type>[123])(?P<rest>\d{8})\s?(?P<kind>[ABCUYSD](?:[1-9](?!\d))?)")
_REGISTRATION = re.compile(
    r"(?P<label>(?:注册号|商标号|登记号|证书号|注册证号|品种权号|版权登记号|著作权登记号)\s*[:：]?\s*(?:第\s*)?)"
    r"(?P<number>[A-Z0-9][A-Z0-9\-]{4,})",
    re.I,
)
_ORDINAL_NUMBER = re.compile(r"第\s*(?P<number>\d{6,})\s*号")
# ID card numbers (18 or 15 digits) and unified social credit codes (18 characters, GB 32100).
_ID_NUMBER = re.compile(_NOT_ALNUM_BEFORE + r"(?:\d{17}[\dXx]|\d{15})" + _NOT_ALNUM_AFTER)
_CREDIT_CODE = re.compile(_NOT_ALNUM_BEFORE + r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}" + _NOT_ALNUM_AFTER)
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d{4}){2}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[\s\-]?\d{7,8}(?!\d)")
# A name right after a label such as "联系人：" is a person's, even when the case does not know it.
_LABELLED_NAME = re.compile(
    r"(?P<label>(?:联系人|法定代表人|负责人|经营者|店主|投诉人|举报人|申请人|被投诉人|被申请人|当事人|代理人)\s*[:：]\s*)"
    r"(?P<name>[\u4e00-\u9fff]{2,4})(?=[，,。；;、\s（(]|$)"
)


@dataclass(frozen=True)
class Known:
    """What a case knows about its parties: names (each with its mask) and numbers to hide wherever they appear."""

    names: tuple[tuple[str, str], ...] = ()
    numbers: tuple[str, ...] = ()


def looks_like_person(name: str) -> bool:
    """A short Han name or a Latin "First Last" with no shop or company word in it."""
    name = name.strip()
    if not name or _ORGANISATION_WORDS.search(name):
        return False
    return bool(_HAN_NAME.match(name) or _LATIN_NAME.match(name))


def mask_person(name: str) -> str:
    """张三 → 张某; a name that already holds 某 keeps its first character only."""
    name = name.strip()
    if not name:
        return ""
    rest = name[1:]
    if rest and set(rest) <= {PERSON_MARK, "*"}:
        return name  # masked already: redacting twice changes nothing
    if PERSON_MARK in name:
        return name[0] + "*" * len(rest)
    return name[0] + PERSON_MARK


def mask_organisation(name: str) -> str:
    """湖州市佳美电器店 → 湖州市某店: the place and the legal form stay, what identifies the business goes."""
    name = name.strip()
    if not name:
        return ""
    place_match = _PLACE.match(name)
    place = place_match.group(1) if place_match else ""
    suffix = next((s for s in ORGANISATION_SUFFIXES if name.endswith(s) and len(name) > len(s)), "")
    if len(place) + len(suffix) >= len(name):
        place = ""
    return f"{place}{PERSON_MARK}{suffix}"


def mask_party(name: str) -> str:
    return mask_person(name) if looks_like_person(name) else mask_organisation(name)


def known_of(case: Case) -> Known:
    """The case's parties and the complainant's numbers, to be masked wherever the text repeats them."""
    names = []
    for name in (case.complainant_name, case.respondent_name):
        name = name.strip()
        if len(name) >= 2:
            names.append((name, mask_party(name)))
    # Addresses: the complainant's always, a respondent's only when the respondent is a person.
    addresses = [case.complainant_address]
    if looks_like_person(case.respondent_name):
        addresses.append(case.respondent_address)
    for address in addresses:
        address = address.strip()
        if len(address) > 6:
            names.append((address, mask_address(address)))
    numbers = tuple(n for n in (case.complainant_phone, case.complainant_id_number) if n.strip())
    emails = (case.complainant_email,) if case.complainant_email.strip() else ()
    return Known(names=tuple(names), numbers=(*numbers, *emails))


def _number_pattern(value: str) -> re.Pattern[str] | None:
    """The number digit by digit, with any spaces or dashes between digits, as people write phones."""
    value = value.strip()
    if "@" in value:
        return re.compile(re.escape(value), re.I)
    characters = [c for c in value if c.isalnum()]
    if len(characters) < 5:
        return None
    return re.compile(r"[\s\-]?".join(map(re.escape, characters)), re.I)


def _mask_known(text: str, known: Known) -> str:
    for name, mask in sorted(known.names, key=lambda pair: len(pair[0]), reverse=True):
        text = re.compile(re.escape(name), re.I).sub(mask, text)
    for number in known.numbers:
        pattern = _number_pattern(number)
        if pattern is not None:
            text = pattern.sub(lambda m: _mask_number(m.group(0)), text)
    return text


def _mask_number(value: str) -> str:
    if "@" in value:
        return mask_email(value)
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("1"):
        return mask_phone(value)
    return mask_id_number(re.sub(r"[\s\-]", "", value))


def _mask_url(match: re.Match[str]) -> str:
    url = match.group(0)
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        hostname = parts.hostname or ""
    except ValueError:  # a malformed address ("http://[x") still gets masked, just wholly
        return "***"
    labels = [label for label in hostname.split(".") if label]
    domain = ".".join(labels[-2:])
    scheme = f"{parts.scheme}://" if "://" in url else ""
    host = domain if len(labels) <= 2 else f"***.{domain}"
    return f"{scheme}{host}/***"


def _mask_patent_new(match: re.Match[str]) -> str:
    check = match.group("check")
    serial = match.group("serial")
    tail = f".{check}" if check else ""
    return (
        f"{match.group('prefix') or ''}{match.group('year')}{match.group('gap1')}{match.group('type')}"
        f"{match.group('gap2')}{serial[0]}{'*' * (len(serial) - 1)}{tail}"
    )


def _mask_patent_old(match: re.Match[str]) -> str:
    serial = match.group("serial")
    prefix = match.group("prefix") or ""
    return f"{prefix}{match.group('year')}{match.group('type')}{serial[0]}****.{match.group('check')}"


def _mask_mobile(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return mask_phone(digits[-11:])


def _keep_two(value: str) -> str:
    return value[:2] + "*" * (len(value) - 2)


def _apply_rules(text: str) -> str:
    text = _EMAIL.sub(lambda m: mask_email(m.group(0)), text)
    # Numbers before addresses: a number glued to an address would otherwise leave with the address's tail.
    text = _PATENT_NEW.sub(_mask_patent_new, text)
    text = _PATENT_OLD.sub(_mask_patent_old, text)
    text = _PUBLICATION.sub(lambda m: f"CN{m.group('type')}{'*' * 8}{m.group('kind')}", text)
    text = _REGISTRATION.sub(lambda m: m.group("label") + _keep_two(m.group("number")), text)
    text = _ORDINAL_NUMBER.sub(lambda m: f"第{_keep_two(m.group('number'))}号", text)
    text = _URL.sub(_mask_url, text)
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _CREDIT_CODE.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _MOBILE.sub(_mask_mobile, text)
    text = _LANDLINE.sub(lambda m: "*" * (len(m.group(0)) - 4) + m.group(0)[-4:], text)
    return _LABELLED_NAME.sub(lambda m: m.group("label") + mask_person(m.group("name")), text)


def redact(text: str, known: Known | None = None) -> str:
    """``text`` with the case's own names and numbers, and anything that looks personal, masked."""
    if not text:
        return ""
    if known is not None:
        text = _mask_known(text, known)
    return _apply_rules(text)
