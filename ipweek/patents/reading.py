"""Reading a number as printed, whatever its kind: a document number or an application or patent number.

Products print numbers carelessly: full-width digits (``ZL２０１９２…``), an ideographic full stop for
the dot, spaces between year, type and serial. :func:`check_number` folds all of that away, decides
which kind of number it is looking at and hands it to the check for that kind.
"""

import datetime as dt

from ipweek.patents.applications import check_application_number
from ipweek.patents.documents import check_document, looks_like_document
from ipweek.patents.results import NumberCheck, NumberKind, Part, Problem, normalise_text


def check_number(text: str, *, this_year: int | None = None) -> NumberCheck:
    """Read ``text`` as an application, patent or document number and list what is wrong with it."""
    year_now = this_year or dt.date.today().year
    clean = normalise_text(text)
    if not clean:
        return NumberCheck(text, "", NumberKind.UNKNOWN, problems=(Problem("empty", Part.WHOLE),))
    document = looks_like_document(clean)
    if document is not None:
        return check_document(text, *document)
    return check_application_number(text, clean, year_now)
