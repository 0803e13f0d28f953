"""Chinese patent numbers as printed on products: read them, check them, and say which part is wrong.

Three kinds of number appear on products and packaging (FACTS.md §4.1–4.2):

- an application number (申请号): ``YYYY T NNNNNNN.C`` since 1 October 2003, ``YY T NNNNN.C`` before,
  optionally after ``CN``;
- a patent number (专利号): ``ZL`` followed by the application number;
- a publication or grant document number (公开号/公告号): ``CN`` + 9 digits (7 in older documents) + a
  kind code such as ``A``, ``B``, ``U`` or ``S``.

Products print them carelessly: full-width digits (``ZL２０１９２…``), an ideographic full stop for the
dot, spaces between year, type and serial. :func:`check_number` accepts all of that, gives the
number back in one canonical spelling and lists every problem as a :class:`Problem` — a code, the
part of the number it concerns and the values needed to explain it. This module has no Django: the
wording (English msgids, Chinese translations) lives with the pages that show it.

:func:`check_mark` reads a whole patent mark (专利标识) as printed — the claimed type in words and the
number — and says what an inspector would notice: a type that the number contradicts, a mark that is
only an application, a number that is malformed or missing. Whether a well-formed number is in force
cannot be known from the number; that needs the register, so the result then says nothing.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class PatentType(StrEnum):
    # The values match casework's IP types, so a result can be stored or compared without mapping.
    INVENTION = "invention"
    UTILITY_MODEL = "utility_model"
    DESIGN = "design"


class NumberKind(StrEnum):
    APPLICATION = "application"
    PATENT = "patent"
    DOCUMENT = "document"
    UNKNOWN = "unknown"


class Part(StrEnum):
    WHOLE = "whole"
    PREFIX = "prefix"
    YEAR = "year"
    TYPE = "type"
    SERIAL = "serial"
    DOT = "dot"
    CHECK = "check"
    KIND_CODE = "kind_code"
    MARK = "mark"


class Finding(StrEnum):
    """What a mark check concludes, in the words of the inspection record (FACTS.md §3.5)."""

    MALFORMED = "malformed"
    TYPE_MISMATCH = "type_mismatch"
    APPLICATION_ONLY = "application_only"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a number or mark. ``is_error`` False: worth saying, but the number still checks out."""

    code: str
    part: Part
    params: dict[str, str | int] = field(default_factory=dict)
    is_error: bool = True


# Type digit → (type, entered the national phase through the PCT).
TYPE_CODES: dict[str, tuple[PatentType, bool]] = {
    "1": (PatentType.INVENTION, False),
    "2": (PatentType.UTILITY_MODEL, False),
    "3": (PatentType.DESIGN, False),
    "8": (PatentType.INVENTION, True),
    "9": (PatentType.UTILITY_MODEL, True),
}
DOCUMENT_TYPE_CODES: dict[str, PatentType] = {
    "1": PatentType.INVENTION,
    "2": PatentType.UTILITY_MODEL,
    "3": PatentType.DESIGN,
}
# Kind codes per type (ZC 0008-2004/2023; before July 2004: A, C, Y, D). ``D`` only ever came with the
# 7-digit numbers, so it is refused on 9-digit ones.
KIND_CODES: dict[PatentType, frozenset[str]] = {
    PatentType.INVENTION: frozenset({"A", "A8", "A9", "B", "C", *(f"C{n}" for n in range(1, 8))}),
    PatentType.UTILITY_MODEL: frozenset({"U", "U8", "U9", "Y"}),
    PatentType.DESIGN: frozenset({"S", *(f"S{n}" for n in range(1, 8)), "S9", "D"}),
}
APPLICATION_PUBLICATION_CODES = frozenset({"A", "A8", "A9"})
WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9)
NEW_FORMAT_FIRST_YEAR = 2003  # ZC 0006-2003 took effect on 1 October 2003
OLD_FORMAT_YEARS = (1985, 2003)  # the Patent Law took effect in 1985
# Where spaces may stand (after how many digits): between year, type and serial only.
ALLOWED_SPACES = {12: frozenset({4, 5}), 8: frozenset({2, 3})}
PREFIXES = {"ZL": NumberKind.PATENT, "CN": NumberKind.APPLICATION, "": NumberKind.APPLICATION}

_DOTS = str.maketrans({"。": ".", "·": ".", "・": ".", "．": "."})
# X is a check character, never a kind code: ``95115608X`` is an application number missing its dot.
_DOCUMENT = re.compile(r"^(?:CN)?\s?(?P<digits>\d[\d ]*\d)\s?(?P<code>[A-WYZ]\d?)$")
_LEADING_LETTERS = re.compile(r"^(?P<prefix>[A-Z]*)\s?(?P<rest>.*)$")
# In a mark: an optional prefix, a run of digits and spaces (a stray letter between digits is kept, so
# that it is reported rather than cutting the number short), then a dot and check part or a kind code.
_NUMBER_IN_TEXT = re.compile(r"(?:(?:ZL|CN)\s?)?\d(?:[\d ]|[A-Z](?=\d))*\d(?:\s?\.\s?[0-9A-Z]+|[A-Z]\d?(?![0-9A-Z]))?")


@dataclass(frozen=True)
class NumberCheck:
    """What :func:`check_number` found. ``normalised`` is the number without spaces, as printed otherwise."""

    text: str
    normalised: str
    kind: NumberKind
    patent_type: PatentType | None = None
    is_pct: bool = False
    year: int | None = None
    type_digit: str = ""
    check_character: str = ""
    kind_code: str = ""
    problems: tuple[Problem, ...] = ()

    @property
    def is_valid(self) -> bool:
        return not any(problem.is_error for problem in self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.is_error)

    @property
    def is_application_publication(self) -> bool:
        return self.kind == NumberKind.DOCUMENT and self.kind_code in APPLICATION_PUBLICATION_CODES


def check_character(digits: str) -> str:
    """The check character of 8 or 12 digits: weights 2–9 repeating, sum mod 11, 10 written X."""
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError("digits only")
    remainder = sum(int(digit) * WEIGHTS[index % 8] for index, digit in enumerate(digits)) % 11
    return "X" if remainder == 10 else str(remainder)


def normalise_text(text: str) -> str:
    """Full-width to ASCII, every dot-like sign to ``.``, upper case, runs of spaces to one."""
    folded = unicodedata.normalize("NFKC", text).translate(_DOTS).upper()
    return re.sub(r"\s+", " ", folded).strip()


def check_number(text: str, *, this_year: int | None = None) -> NumberCheck:
    """Read ``text`` as an application, patent or document number and list what is wrong with it."""
    year_now = this_year or dt.date.today().year
    clean = normalise_text(text)
    if not clean:
        return NumberCheck(text, "", NumberKind.UNKNOWN, problems=(Problem("empty", Part.WHOLE),))
    if "." not in clean and (document := _DOCUMENT.match(clean)):
        return _check_document(text, document["digits"], document["code"])
    return _check_application(text, clean, year_now)


def _check_application(text: str, clean: str, year_now: int) -> NumberCheck:
    leading = _LEADING_LETTERS.match(clean)
    assert leading is not None  # noqa: S101 - the pattern matches every string
    prefix, rest = leading["prefix"], leading["rest"]
    problems: list[Problem] = []
    kind = PREFIXES.get(prefix, NumberKind.UNKNOWN)
    if prefix not in PREFIXES:
        problems.append(Problem("prefix", Part.PREFIX, {"prefix": prefix}))
    body, dot, after = rest.partition(".")
    if dot and (body.endswith(" ") or after.startswith(" ")):
        problems.append(Problem("space_around_dot", Part.DOT, is_error=False))
    body, after = body.strip(), after.strip()
    if not dot and _ends_with_check(body, prefix):
        # The check character was printed without its dot: say so, then check it all the same.
        problems.append(Problem("dot_missing", Part.DOT))
        body, dot, after = body[:-1].rstrip(), ".", body[-1]
    stray = sorted({char for char in body if not (char.isdigit() or char == " ")})
    if stray:
        problems.append(Problem("characters", Part.WHOLE, {"chars": "".join(stray)}))
        return NumberCheck(text, prefix + rest.replace(" ", ""), kind, problems=tuple(problems))
    digits = body.replace(" ", "")
    if len(digits) not in ALLOWED_SPACES:
        problems.append(Problem("length", Part.WHOLE, {"count": len(digits)}))
        return NumberCheck(text, prefix + digits + dot + after, kind, problems=tuple(problems))
    problems += _space_problems(body, len(digits))
    year, type_digit, serial = _split(digits)
    full_year = _full_year(year)
    problems += _year_problems(year, full_year, year_now)
    patent_type, is_pct = TYPE_CODES.get(type_digit, (None, False))
    if patent_type is None:
        problems.append(Problem("type", Part.TYPE, {"digit": type_digit}))
    if not serial.strip("0"):
        problems.append(Problem("serial_zero", Part.SERIAL))
    expected = check_character(digits)
    problems += _check_problems(dot, after, expected)
    return NumberCheck(
        text,
        prefix + digits + (f".{after}" if after else ""),
        kind,
        patent_type=patent_type,
        is_pct=is_pct,
        year=full_year,
        type_digit=type_digit,
        check_character=expected,
        problems=tuple(problems),
    )


def _ends_with_check(body: str, prefix: str) -> bool:
    """12 or 8 digits followed by one more character: a check character whose dot is missing.

    Nine bare digits are left alone unless ``ZL`` says a patent number is meant: without it they may
    as well be a document number printed without its kind code.
    """
    compact = body.replace(" ", "")
    head, last = compact[:-1], compact[-1:]
    if not (head.isdigit() and (last.isdigit() or last == "X")):
        return False
    return len(head) == 12 or (len(head) == 8 and (last == "X" or prefix == "ZL"))


def _split(digits: str) -> tuple[str, str, str]:
    year_length = 4 if len(digits) == 12 else 2
    return digits[:year_length], digits[year_length], digits[year_length + 1 :]


def _full_year(year: str) -> int:
    if len(year) == 4:
        return int(year)
    short = int(year)
    return 1900 + short if short >= OLD_FORMAT_YEARS[0] % 100 else 2000 + short


def _year_problems(year: str, full_year: int, year_now: int) -> list[Problem]:
    earliest, latest = (NEW_FORMAT_FIRST_YEAR, year_now) if len(year) == 4 else OLD_FORMAT_YEARS
    if earliest <= full_year <= latest:
        return []
    code = "year" if len(year) == 4 else "year_old_format"
    return [Problem(code, Part.YEAR, {"year": year, "earliest": earliest, "latest": latest})]


def _space_problems(body: str, length: int) -> list[Problem]:
    """Spaces may separate year, type and serial, but a space inside one of them is not the standard's form."""
    positions, count = set(), 0
    for group in body.split(" ")[:-1]:
        count += len(group)
        positions.add(count)
    year_length = 4 if length == 12 else 2
    parts = {Part.YEAR if position < year_length else Part.SERIAL for position in positions - ALLOWED_SPACES[length]}
    return [Problem("space_inside", part, {"part": part.value}, is_error=False) for part in sorted(parts)]


def _check_problems(dot: str, after: str, expected: str) -> list[Problem]:
    if not dot or not after:
        return [Problem("check_missing", Part.CHECK, {"expected": expected})]
    if len(after) != 1:
        return [Problem("check_length", Part.CHECK, {"found": after, "expected": expected})]
    if after != expected:
        return [Problem("check_wrong", Part.CHECK, {"found": after, "expected": expected})]
    return []


def _check_document(text: str, spaced: str, code: str) -> NumberCheck:
    digits = spaced.replace(" ", "")
    normalised = f"CN{digits}{code}"
    problems: list[Problem] = []
    if " " in spaced:
        problems.append(Problem("space_inside", Part.SERIAL, {"part": Part.SERIAL.value}, is_error=False))
    if len(digits) not in (7, 9):
        problems.append(Problem("document_length", Part.WHOLE, {"count": len(digits)}))
        return NumberCheck(text, normalised, NumberKind.DOCUMENT, kind_code=code, problems=tuple(problems))
    patent_type = DOCUMENT_TYPE_CODES.get(digits[0])
    if patent_type is None:
        problems.append(Problem("document_type", Part.TYPE, {"digit": digits[0]}))
    elif code not in KIND_CODES[patent_type] or (code == "D" and len(digits) == 9):
        allowed = sorted(KIND_CODES[patent_type] - ({"D"} if len(digits) == 9 else set()))
        problems.append(
            Problem(
                "kind_code", Part.KIND_CODE, {"code": code, "type": patent_type.value, "allowed": "/".join(allowed)}
            )
        )
    return NumberCheck(
        text,
        normalised,
        NumberKind.DOCUMENT,
        patent_type=patent_type,
        type_digit=digits[0],
        kind_code=code,
        problems=tuple(problems),
    )


# --- patent marks as printed --------------------------------------------------------------------------

# Longest words first: 发明专利申请 must be read as an application, not as a granted invention patent.
_TYPE_WORDS: tuple[tuple[str, PatentType], ...] = (
    ("实用新型", PatentType.UTILITY_MODEL),
    ("外观设计", PatentType.DESIGN),
    ("发明", PatentType.INVENTION),
)
_APPLICATION_WORDS = ("专利申请", "申请号", "申请中", "已申请", "申请专利")
APPLICATION = "application"  # a claimed type meaning “an application, type not stated”


@dataclass(frozen=True)
class MarkCheck:
    """What :func:`check_mark` found on one mark. ``problems`` holds the mark's and the number's problems."""

    text: str
    claimed_type: PatentType | None
    claims_application: bool
    number: NumberCheck | None
    problems: tuple[Problem, ...] = ()

    @property
    def has_mark(self) -> bool:
        return bool(self.text.strip()) or self.number is not None

    @property
    def finding(self) -> Finding | None:
        codes = {problem.code for problem in self.problems if problem.is_error}
        if "number_missing" in codes or (self.number is not None and not self.number.is_valid):
            return Finding.MALFORMED
        if "type_mismatch" in codes:
            return Finding.TYPE_MISMATCH
        if codes & {"application_only", "publication_not_grant"}:
            return Finding.APPLICATION_ONLY
        return None


def claimed_type_in(text: str) -> tuple[PatentType | None, bool]:
    """The patent type a mark claims in words, and whether it says it is only an application."""
    clean = normalise_text(text)
    claimed = next((patent_type for word, patent_type in _TYPE_WORDS if word in clean), None)
    return claimed, any(word in clean for word in _APPLICATION_WORDS)


def numbers_in(text: str) -> list[str]:
    """Every stretch of ``text`` that looks like a patent number, in order."""
    found = [match.group().strip() for match in _NUMBER_IN_TEXT.finditer(normalise_text(text))]
    # A model number or a quantity is not a patent number: keep what has a prefix or enough digits.
    return [candidate for candidate in found if candidate[:2] in {"ZL", "CN"} or _digit_count(candidate) >= 7]


def _digit_count(text: str) -> int:
    return sum(char.isdigit() for char in text)


def check_mark(mark_text: str, claimed_type: str = "", *, number: str = "", this_year: int | None = None) -> MarkCheck:
    """Check a patent mark as printed against what the number itself says.

    ``claimed_type`` is the type the inspector read off the mark (a :class:`PatentType` value, or
    ``"application"``); when empty, the words of ``mark_text`` decide. ``number`` is the number the
    inspector typed; when empty, the first number in ``mark_text`` is checked.
    """
    worded_type, worded_application = claimed_type_in(mark_text)
    claims_application = worded_application or claimed_type == APPLICATION
    claimed = PatentType(claimed_type) if claimed_type in PatentType._value2member_map_ else worded_type
    found = [number.strip()] if number.strip() else numbers_in(mark_text)
    if not found:
        missing = (Problem("number_missing", Part.MARK),) if mark_text.strip() else ()
        return MarkCheck(mark_text, claimed, claims_application, None, missing)
    checked = check_number(found[0], this_year=this_year)
    problems = list(checked.problems)
    if len(found) > 1:
        problems.append(Problem("more_numbers", Part.MARK, {"count": len(found)}, is_error=False))
    if claimed and checked.patent_type and claimed != checked.patent_type:
        params: dict[str, str | int] = {"claimed": claimed.value, "actual": checked.patent_type.value}
        params["digit"] = checked.type_digit
        problems.append(Problem("type_mismatch", Part.TYPE, params))
    if claims_application:
        problems.append(Problem("application_only", Part.MARK))
    elif checked.is_application_publication and checked.is_valid:
        problems.append(Problem("publication_not_grant", Part.KIND_CODE, {"code": checked.kind_code}))
    return MarkCheck(mark_text, claimed, claims_application, checked, tuple(problems))
