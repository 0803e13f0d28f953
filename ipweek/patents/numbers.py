"""Chinese patent numbers as printed on products: read them, check them, and say which part is wrong.

Three kinds of number appear on products and packaging (FACTS.md §4.1–4.2), each checked in a
module of its own:

- an application number (申请号) or a patent number (专利号, ``ZL`` + the application number):
  :mod:`ipweek.patents.applications`;
- a publication or grant document number (公开号/公告号, ``CN`` + digits + a kind code):
  :mod:`ipweek.patents.documents`;
- a patent mark (专利标识) as printed, a claimed type in words plus a number: :mod:`ipweek.patents.marks`.

:func:`check_number` (:mod:`ipweek.patents.reading`) tells the first two apart. Every result lists
its problems as :class:`Problem` values (:mod:`ipweek.patents.results`). This module is the one place
callers import from, so the split behind it can change without touching them.
"""

from ipweek.patents.applications import (
    ALLOWED_SPACES,
    NEW_FORMAT_FIRST_YEAR,
    OLD_FORMAT_YEARS,
    PREFIXES,
    TYPE_CODES,
    WEIGHTS,
    check_character,
)
from ipweek.patents.documents import DOCUMENT_TYPE_CODES, KIND_CODES
from ipweek.patents.marks import APPLICATION, Finding, MarkCheck, check_mark, claimed_type_in, numbers_in
from ipweek.patents.reading import check_number
from ipweek.patents.results import (
    APPLICATION_PUBLICATION_CODES,
    NumberCheck,
    NumberKind,
    Part,
    PatentType,
    Problem,
    normalise_text,
)

__all__ = [
    "ALLOWED_SPACES",
    "APPLICATION",
    "APPLICATION_PUBLICATION_CODES",
    "DOCUMENT_TYPE_CODES",
    "KIND_CODES",
    "NEW_FORMAT_FIRST_YEAR",
    "OLD_FORMAT_YEARS",
    "PREFIXES",
    "TYPE_CODES",
    "WEIGHTS",
    "Finding",
    "MarkCheck",
    "NumberCheck",
    "NumberKind",
    "Part",
    "PatentType",
    "Problem",
    "check_character",
    "check_mark",
    "check_number",
    "claimed_type_in",
    "normalise_text",
    "numbers_in",
]
