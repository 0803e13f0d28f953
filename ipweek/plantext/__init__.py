"""ipweek.plantext — read an activity plan (text, DOCX, PDF, .doc/.wps) into a PlanDraft.

Pure Python: nothing here imports Django. The public API:

* ``read_text(data)``: decode bytes (UTF-8, UTF-16 with BOM, GB18030/GBK);
* ``extract_text(data, filename)``: the text of a .txt/.md/.docx/.pdf/.doc/.wps/.html file;
* ``parse_plan(text)``: text → PlanDraft, never raises;
* ``read_plan(data, filename)``: extract + parse;
* ``PlanReadError``: a file that cannot be read, with a Chinese ``message``.

The PlanDraft fields are documented in docs/plan-schema.md.
"""

from __future__ import annotations

from .draft import ActivityDraft, Contact, PlanDraft, SectionDraft
from .errors import PlanReadError
from .parser import parse_plan
from .readers import MAX_BYTES, extract_text, read_text


def read_plan(data: bytes, filename: str) -> PlanDraft:
    """Extract the text of a file and parse it; raises PlanReadError when the file cannot be read."""
    return parse_plan(extract_text(data, filename))


__all__ = [
    "MAX_BYTES",
    "ActivityDraft",
    "Contact",
    "PlanDraft",
    "PlanReadError",
    "SectionDraft",
    "extract_text",
    "parse_plan",
    "read_plan",
    "read_text",
]
