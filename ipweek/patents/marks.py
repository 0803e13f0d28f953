"""Patent marks (专利标识) as printed on products: the claimed type in words and the number, checked together.

:func:`check_mark` says what an inspector would notice: a type that the number contradicts, a mark
that is only an application, a number that is malformed or missing. Whether a well-formed number is
in force cannot be known from the number; that needs the register, so the result then says nothing.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from ipweek.patents.reading import check_number
from ipweek.patents.results import NumberCheck, Part, PatentType, Problem, normalise_text


class Finding(StrEnum):
    """What a mark check concludes, in the words of the inspection record (FACTS.md §3.5)."""

    MALFORMED = "malformed"
    TYPE_MISMATCH = "type_mismatch"
    APPLICATION_ONLY = "application_only"


# Longest words first: 发明专利申请 must be read as an application, not as a granted invention patent.
_TYPE_WORDS: tuple[tuple[str, PatentType], ...] = (
    ("实用新型", PatentType.UTILITY_MODEL),
    ("外观设计", PatentType.DESIGN),
    ("发明", PatentType.INVENTION),
)
_APPLICATION_WORDS = ("专利申请", "申请号", "申请中", "已申请", "申请专利")
APPLICATION = "application"  # a claimed type meaning “an application, type not stated”
# In a mark: an optional prefix, a run of digits and spaces (a stray letter between digits is kept, so
# that it is reported rather than cutting the number short), then a dot and check part or a kind code.
_NUMBER_IN_TEXT = re.compile(r"(?:(?:ZL|CN)\s?)?\d(?:[\d ]|[A-Z](?=\d))*\d(?:\s?\.\s?[0-9A-Z]+|[A-Z]\d?(?![0-9A-Z]))?")


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
