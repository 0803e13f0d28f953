"""DOCX → text: paragraphs and tables in reading order, with Word's automatic numbering written out.

Offices number headings with Word's list feature, so '一、活动时间' often has no '一、' in the text
itself; the reader renders the list number (一、 （一） 1. ① …) from numbering.xml in front of the
paragraph. Table rows become one line each, cells joined by ' | '.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from .errors import PlanReadError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def docx_text(data: bytes) -> str:
    """Paragraphs and table rows of a .docx file in document order."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise PlanReadError("无法读取 Word 文件：文件可能已损坏，或不是 .docx 格式") from error
    except Exception as error:  # python-docx raises lxml and other errors on broken files
        raise PlanReadError(f"无法读取 Word 文件（{type(error).__name__}）：文件可能已损坏") from error
    numbering = _ListNumbers(_numbering_root(document), _styles_root(document))
    lines: list[str] = []
    for element in _body_elements(document.element.body):
        if element.tag == f"{_W}p":
            lines.append(numbering.prefix(element) + _paragraph_text(element))
        elif element.tag == f"{_W}tbl":
            lines.extend(_table_rows(element))
    return "\n".join(lines)


def _numbering_root(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _styles_root(document: Any) -> Any:
    try:
        return document.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _body_elements(body: Any) -> list[Any]:
    """Paragraphs and tables at the top of the body, looking inside content controls (w:sdt)."""
    found: list[Any] = []
    for child in body.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            found.append(child)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                found.extend(_body_elements(content))
    return found


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        else:
            parts.append(" ")
    return "".join(parts)


def _table_rows(table: Any) -> list[str]:
    rows: list[str] = []
    for row in table.iter(f"{_W}tr"):
        if row.getparent() is not table:
            continue
        cells = []
        for cell in row.findall(f"{_W}tc"):
            if _is_merged_continuation(cell):
                continue
            text = " ".join(_paragraph_text(p).strip() for p in cell.iter(f"{_W}p")).strip()
            cells.append(text)
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _is_merged_continuation(cell: Any) -> bool:
    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(f"{_W}val") in (None, "continue")


class _ListNumbers:
    """Counts Word list items and renders their numbers as Word would show them."""

    def __init__(self, root: Any, styles: Any) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_lists: dict[str, tuple[str | None, str | None]] = {}  # style → (numId, ilvl)
        self.based_on: dict[str, str] = {}
        if root is not None:
            self._load(root)
        if styles is not None:
            self._load_styles(styles)

    def _load_styles(self, styles: Any) -> None:
        for style in styles.findall(f"{_W}style"):
            style_id = style.get(f"{_W}styleId")
            if style_id is None:
                continue
            properties = style.find(f"{_W}pPr/{_W}numPr")
            if properties is not None:
                self.style_lists[style_id] = (_value(properties, "numId", ""), _value(properties, "ilvl", "0"))
            parent = style.find(f"{_W}basedOn")
            if parent is not None:
                self.based_on[style_id] = parent.get(f"{_W}val", "")

    def _list_of(self, paragraph: Any) -> tuple[str, int] | None:
        """(numId, level) from the paragraph's own numbering, else from its style (and the styles it is based on)."""
        properties = paragraph.find(f"{_W}pPr/{_W}numPr")
        if properties is not None:
            return _value(properties, "numId", ""), int(_value(properties, "ilvl", "0") or 0)
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(f"{_W}val") if style is not None else None
        for _ in range(6):
            if style_id is None:
                return None
            if style_id in self.style_lists:
                number_id, level = self.style_lists[style_id]
                return number_id or "", int(level or 0)
            style_id = self.based_on.get(style_id)
        return None

    def _load(self, root: Any) -> None:
        levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in root.findall(f"{_W}abstractNum"):
            abstract_id = abstract.get(f"{_W}abstractNumId")
            for level in abstract.findall(f"{_W}lvl"):
                index = int(level.get(f"{_W}ilvl", "0"))
                levels.setdefault(abstract_id, {})[index] = (
                    _value(level, "numFmt", "decimal"),
                    _value(level, "lvlText", ""),
                    int(_value(level, "start", "1") or 1),
                )
        for number in root.findall(f"{_W}num"):
            abstract = number.find(f"{_W}abstractNumId")
            if abstract is None:
                continue
            number_id = number.get(f"{_W}numId")
            for index, definition in levels.get(abstract.get(f"{_W}val"), {}).items():
                self.formats[(number_id, index)] = definition

    def prefix(self, paragraph: Any) -> str:
        found = self._list_of(paragraph)
        if found is None:
            return ""
        number_id, level = found
        if (number_id, level) not in self.formats or number_id == "0":
            return ""
        counters = self.counters.setdefault(number_id, [0] * 9)
        level = min(max(level, 0), 8)
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        number_format, text, _ = self.formats[(number_id, level)]
        if number_format == "bullet":
            return "• "
        if number_format == "none":
            return ""
        for index in range(level, -1, -1):
            definition = self.formats.get((number_id, index))
            if definition is None:
                continue
            value = counters[index] + definition[2] - 1
            text = text.replace(f"%{index + 1}", _render(definition[0], max(value, 0)))
        return text


def _value(element: Any, name: str, default: str) -> str:
    child = element.find(f"{_W}{name}")
    return child.get(f"{_W}val", default) if child is not None else default


def _render(number_format: str, value: int) -> str:
    if number_format in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting"):
        return _chinese(value)
    if number_format == "chineseLegalSimplified":
        return "".join(_LEGAL_DIGITS[int(d)] for d in str(value)) if value < 10 else _chinese(value)
    if number_format in ("ideographTraditional",) and 1 <= value <= 10:
        return _HEAVENLY_STEMS[value - 1]
    if number_format == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if number_format in ("upperLetter", "lowerLetter") and value >= 1:
        letter = chr(ord("A") + (value - 1) % 26)
        return letter if number_format == "upperLetter" else letter.lower()
    if number_format in ("upperRoman", "lowerRoman") and value >= 1:
        roman = _roman(value)
        return roman if number_format == "upperRoman" else roman.lower()
    return str(value)


def _chinese(value: int) -> str:
    if value < 10:
        return _CHINESE_DIGITS[value]
    if value < 20:
        return "十" + (_CHINESE_DIGITS[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return _CHINESE_DIGITS[tens] + "十" + (_CHINESE_DIGITS[ones] if ones else "")
    return str(value)


def _roman(value: int) -> str:
    result = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while value >= number:
            result += letters
            value -= number
    return result
