"""Application numbers (申请号) and patent numbers (专利号): the digits, their parts and the check character.

An application number is ``YYYY T NNNNNNN.C`` since 1 October 2003 and ``YY T NNNNN.C`` before,
optionally after ``CN``; a patent number is ``ZL`` followed by the application number. ``T`` is the
type digit, ``C`` the check character (ZC 0006-2003). Every part that can be wrong gets a
:class:`~ipweek.patents.results.Problem` of its own, so a page can say which part it is.
"""

import re

from ipweek.patents.results import NumberCheck, NumberKind, Part, PatentType, Problem

# Type digit → (type, entered the national phase through the PCT).
TYPE_CODES: dict[str, tuple[PatentType, bool]] = {
    "1": (PatentType.INVENTION, False),
    "2": (PatentType.UTILITY_MODEL, False),
    "3": (PatentType.DESIGN, False),
    "8": (PatentType.INVENTION, True),
    "9": (PatentType.UTILITY_MODEL, True),
}
WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9)
NEW_FORMAT_FIRST_YEAR = 2003  # ZC 0006-2003 took effect on 1 October 2003
OLD_FORMAT_YEARS = (1985, 2003)  # the Patent Law took effect in 1985
# Where spaces may stand (after how many digits): between year, type and serial only.
ALLOWED_SPACES = {12: frozenset({4, 5}), 8: frozenset({2, 3})}
PREFIXES = {"ZL": NumberKind.PATENT, "CN": NumberKind.APPLICATION, "": NumberKind.APPLICATION}

_LEADING_LETTERS = re.compile(r"^(?P<prefix>[A-Z]*)\s?(?P<rest>.*)$")


def check_character(digits: str) -> str:
    """The check character of 8 or 12 digits: weights 2–9 repeating, sum mod 11, 10 written X."""
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError("digits only")
    remainder = sum(int(digit) * WEIGHTS[index % 8] for index, digit in enumerate(digits)) % 11
    return "X" if remainder == 10 else str(remainder)


def check_application_number(text: str, clean: str, year_now: int) -> NumberCheck:
    """Check ``clean`` (``text`` normalised) as an application or patent number, listing every problem."""
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
