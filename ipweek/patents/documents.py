"""Publication and grant document numbers (公开号/公告号): ``CN`` + 9 digits (7 in older ones) + a kind code.

The first digit gives the patent type and the kind code must fit it (ZC 0008-2004/2023; before
July 2004 the codes were A, C, Y and D). An ``A`` document is an application publication, not a grant.
"""

import re

from ipweek.patents.results import NumberCheck, NumberKind, Part, PatentType, Problem

DOCUMENT_TYPE_CODES: dict[str, PatentType] = {
    "1": PatentType.INVENTION,
    "2": PatentType.UTILITY_MODEL,
    "3": PatentType.DESIGN,
}
# Kind codes per type. ``D`` only ever came with the 7-digit numbers, so it is refused on 9-digit ones.
KIND_CODES: dict[PatentType, frozenset[str]] = {
    PatentType.INVENTION: frozenset({"A", "A8", "A9", "B", "C", *(f"C{n}" for n in range(1, 8))}),
    PatentType.UTILITY_MODEL: frozenset({"U", "U8", "U9", "Y"}),
    PatentType.DESIGN: frozenset({"S", *(f"S{n}" for n in range(1, 8)), "S9", "D"}),
}
# X is a check character, never a kind code: ``95115608X`` is an application number missing its dot.
_DOCUMENT = re.compile(r"^(?:CN)?\s?(?P<digits>\d[\d ]*\d)\s?(?P<code>[A-WYZ]\d?)$")


def looks_like_document(clean: str) -> tuple[str, str] | None:
    """(digits as printed, kind code) when normalised text without a dot reads as a document number."""
    if "." in clean:
        return None
    match = _DOCUMENT.match(clean)
    return (match["digits"], match["code"]) if match else None


def check_document(text: str, spaced: str, code: str) -> NumberCheck:
    """Check a document number's length, type digit and kind code; ``spaced`` is its digits as printed."""
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
