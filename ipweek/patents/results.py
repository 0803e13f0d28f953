"""The vocabulary every patent-number check shares: types, kinds, parts, problems and the result.

A check never raises on bad input; it lists :class:`Problem` values instead, each naming the part
of the number it concerns, so that a page can say *which* part is wrong. No Django here: the wording
of each problem (English msgids, Chinese translations) lives with the pages that show it.
"""

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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a number or mark. ``is_error`` False: worth saying, but the number still checks out."""

    code: str
    part: Part
    params: dict[str, str | int] = field(default_factory=dict)
    is_error: bool = True


# Kind codes of an application publication (公开), as opposed to a grant (授权公告).
APPLICATION_PUBLICATION_CODES = frozenset({"A", "A8", "A9"})


@dataclass(frozen=True)
class NumberCheck:
    """What a number check found. ``normalised`` is the number without spaces, as printed otherwise."""

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


_DOTS = str.maketrans({"。": ".", "·": ".", "・": ".", "．": "."})


def normalise_text(text: str) -> str:
    """Full-width to ASCII, every dot-like sign to ``.``, upper case, runs of spaces to one."""
    folded = unicodedata.normalize("NFKC", text).translate(_DOTS).upper()
    return re.sub(r"\s+", " ", folded).strip()
