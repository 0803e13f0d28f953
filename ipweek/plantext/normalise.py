"""Splitting text into lines, cleaning each line, and building its matching key.

Every line carries three forms:

* ``raw``: the line exactly as decoded (what ``unparsed`` keeps);
* ``clean``: what people see — noise removed (inline pinyin, ``@@`` tokens, ``?`` runs, markdown
  stubs, BBCode, anti-copy junk, PDF letter spacing), whitespace collapsed, original script and
  punctuation kept;
* ``key``: ``clean`` mapped character by character for matching — full-width → ASCII, dashes and
  dots and quotes unified, traditional → simplified. Being the same length as ``clean`` (up to
  ``KEY_LIMIT``), any span found in the key slices the clean text directly.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .numbering import Numbering, numbering_of
from .traditional import TRADITIONAL_TO_SIMPLIFIED

KEY_LIMIT = 4000  # rules look at most this far into one line
LONG_LINE = 100_000  # longer lines are kept verbatim and not cleaned
MAX_READ = 1_000_000  # lines that start after this many characters are not read, only kept (see parser)
OVERFLOW = "overflow"  # the noise kind of those lines

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b-\u200d\u2060\ufeff\ufffd\ue000-\uf8ff]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000 ]+")
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
_PINYIN = re.compile(rf"(?<=[{_CJK}])[(（]\s?[a-zü ]{{0,10}}[{_TONES}][a-zü{_TONES} ]{{0,10}}[)）]")
_AT_RUN = re.compile(r"@{2,}")
_QUESTION_RUN = re.compile(r"(?<![0-9])[?？]{2,}|[?？]{2,}(?![0-9])")
_LONE_QUESTION = re.compile(rf"(?<=[{_CJK}])\?(?=[{_CJK}])")
_MARKDOWN_LEAD = re.compile(r"^(?:#{1,6}\s*|>\s*)+")
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_BBCODE = re.compile(
    r"\[/?(?:size|color|font|b|i|u|s|url|img|quote|align|backcolor|hide|table|tr|td|p|list|indent|float|media|"
    r"free|code|email)(?:=[^\]\[]{0,40})?\]",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"</?(?:p|br|span|div|strong|b|i|em|font|u)(?:\s[^<>]{0,80})?/?>", re.IGNORECASE)
# Forum anti-copy junk: short ASCII tokens with symbols after a sentence ends (`。: Y$ m& j+ o`).
_JUNK_SYMBOLS = re.compile(r"[$^&*#|!%@\[\]+'`~=<>\\]")
_SPACED_PUNCT = "、，。：；（）“”《》！？·"


@dataclass(slots=True)
class Line:
    """One non-blank source line in its three forms."""

    number: int  # 1-based
    raw: str
    clean: str
    key: str
    numbering: Numbering | None = None
    noise: str | None = None  # why the line goes to `unparsed` (see noise.py), or None
    continues: bool = False  # a PDF layout broke this line mid-sentence; it runs on into the next

    @property
    def head(self) -> str:
        """The part of ``clean`` that ``key`` covers."""
        return self.clean[: len(self.key)]


def split_lines(text: str) -> list[str]:
    """Split on \\n, \\r\\n and \\r only (never on the other characters str.splitlines knows)."""
    return _LINE_BREAK.split(text)


def is_blank(raw: str) -> bool:
    """Whether a source line holds nothing (the nothing-lost rule ignores these)."""
    return not raw.strip()


def build_lines(text: str) -> list[Line]:
    """Every non-blank line of ``text``, numbered from 1, cleaned and keyed."""
    lines = []
    offset = 0
    for number, raw in enumerate(split_lines(text), start=1):
        offset += len(raw) + 1
        if is_blank(raw):
            continue
        if offset - len(raw) > MAX_READ:
            lines.append(Line(number=number, raw=raw, clean=raw.strip(), key="", noise=OVERFLOW))
            continue
        clean = clean_text(raw)
        key = make_key(clean[:KEY_LIMIT])
        lines.append(Line(number=number, raw=raw, clean=clean, key=key, numbering=numbering_of(key)))
    return lines


def clean_text(raw: str) -> str:
    """The line as people should see it: noise removed, script and punctuation as written."""
    if len(raw) > LONG_LINE:
        return raw.strip()
    text = _INVISIBLE.sub("", raw)
    if "&" in text and ";" in text:
        text = html.unescape(text)
    text = _SPACES.sub(" ", text)
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    if "[" in text:
        text = _BBCODE.sub("", text)
    if "(" in text or "（" in text:
        text = _PINYIN.sub("", text)
    if "@" in text:
        text = _AT_RUN.sub("", text)
    if "?" in text or "？" in text:
        text = _LONE_QUESTION.sub("", _QUESTION_RUN.sub("", text))
    text = _strip_markdown(text.strip())
    text = _strip_trailing_junk(text)
    if _is_letter_spaced(text):
        text = _unspace(text)
    return _SPACES.sub(" ", text).strip()


def _strip_markdown(text: str) -> str:
    if text[:1] in ("#", ">"):
        text = _MARKDOWN_LEAD.sub("", text)
    if "*" in text or "__" in text:
        text = _MARKDOWN_EMPHASIS.sub("", text)
    return text.strip()


def _strip_trailing_junk(text: str) -> str:
    start = len(text)
    while start > 0 and " " <= text[start - 1] <= "~" and len(text) - start <= 40:
        start -= 1
    tail = text[start:]
    is_junk = (
        start > 0
        and text[start - 1] in "。：；！？”）"
        and tail.count(" ") >= 2
        and _JUNK_SYMBOLS.search(tail) is not None
        and not (" " <= text[start - 1] <= "~")
    )
    return text[:start] if is_junk else text


def _is_letter_spaced(text: str) -> bool:
    """PDF text layers often put a space between every character: '活 动 时 间'."""
    if text.count(" ") < 3:
        return False
    tokens = text.split(" ")
    singles = sum(1 for token in tokens if len(token) == 1)
    return singles >= 4 and singles * 10 >= len(tokens) * 7


def _unspace(text: str) -> str:
    # Single spaces go; a run of two or more was a real gap and stays as one space.
    parts = re.split(r" {2,}", text)
    return " ".join(part.replace(" ", "") for part in parts)


def _key_table() -> dict[int, str]:
    table: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    for char in "—–―‒－﹣−‐‑─━":
        table[ord(char)] = "-"
    for char in "〜～":
        table[ord(char)] = "~"
    for char in "•・‧∙･●▪⋅":
        table[ord(char)] = "·"
    for char in "“”„‟＂「」『』‘’′″":
        table[ord(char)] = '"'
    for char, value in {"∶": ":", "﹕": ":", "︰": ":", "﹐": ",", "﹑": "、", "﹔": ";", "﹙": "(", "﹚": ")"}.items():
        table[ord(char)] = value
    table[0x3000] = " "
    for traditional, simplified in TRADITIONAL_TO_SIMPLIFIED.items():
        table[ord(traditional)] = simplified
    return table


_KEY_TABLE = _key_table()
_TRADITIONAL = frozenset(TRADITIONAL_TO_SIMPLIFIED)


def make_key(clean: str) -> str:
    """The matching form of ``clean``: same length, one character for one character."""
    return clean.translate(_KEY_TABLE)


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds characters the key maps from traditional script."""
    return not _TRADITIONAL.isdisjoint(text)


CJK_CLASS = _CJK
