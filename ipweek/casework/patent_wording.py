"""What is wrong with a patent number or mark, in plain words of the active language.

:mod:`ipweek.patents.numbers` has no Django and describes problems only by code, part and values;
this module turns them into sentences (English msgids, Chinese in the catalogue). The inspection
record, the number checker page and the e-commerce intake all say it the same way through here.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from ipweek.casework.models.cases import IpType
from ipweek.patents.numbers import MarkCheck, Part, Problem

# What each problem code of ipweek.patents.numbers means, naming the part of the number that is wrong.
PROBLEM_TEXT: dict[str, Promise] = {
    "empty": gettext_lazy("No number was given."),
    "characters": gettext_lazy("The number contains characters that do not belong in a patent number: %(chars)s."),
    "prefix": gettext_lazy(
        "“%(prefix)s” is not a patent number prefix: a patent number starts with ZL, an application number may "
        "start with CN."
    ),
    "length": gettext_lazy(
        "There are %(count)s digits before the dot; an application or patent number has 12 "
        "(8 for applications filed before October 2003)."
    ),
    "year": gettext_lazy(
        "The year “%(year)s” is not possible: numbers of this format run from %(earliest)s to %(latest)s."
    ),
    "year_old_format": gettext_lazy(
        "The year digits “%(year)s” are not possible: the old 8-digit format was used from %(earliest)s to %(latest)s."
    ),
    "type": gettext_lazy("The type digit “%(digit)s” after the year is not a patent type: it must be 1, 2, 3, 8 or 9."),
    "serial_zero": gettext_lazy("The serial number after the type digit cannot be all zeros."),
    "check_missing": gettext_lazy(
        "The check character after the dot is missing; for these digits it is “%(expected)s”."
    ),
    "check_length": gettext_lazy(
        "After the dot there must be a single check character, not “%(found)s”; for these digits it is “%(expected)s”."
    ),
    "check_wrong": gettext_lazy(
        "The check character after the dot is “%(found)s”, but for these digits it must be “%(expected)s”: "
        "a digit is wrong or the number is made up."
    ),
    "dot_missing": gettext_lazy("The dot before the check character is missing."),
    "space_inside": gettext_lazy(
        "There is a space inside the %(part)s; spaces belong only between year, type digit and serial number."
    ),
    "space_around_dot": gettext_lazy("There should be no space around the dot."),
    "document_length": gettext_lazy(
        "A publication or grant number has 9 digits after CN (7 in older documents); this one has %(count)s."
    ),
    "document_type": gettext_lazy(
        "The first digit “%(digit)s” of the publication number is not a patent type: it must be 1, 2 or 3."
    ),
    "kind_code": gettext_lazy(
        "The kind code “%(code)s” does not fit the type of the number (%(type)s); it should be one of %(allowed)s."
    ),
    "number_missing": gettext_lazy("The mark gives no patent number."),
    "more_numbers": gettext_lazy(
        "The mark carries %(count)s numbers; only the first was checked. Record each number as an item of its own."
    ),
    "type_mismatch": gettext_lazy(
        "The mark claims “%(claimed)s”, but the type digit “%(digit)s” of the number means “%(actual)s”."
    ),
    "application_only": gettext_lazy("The mark refers to a patent application, not a granted patent."),
    "publication_not_grant": gettext_lazy(
        "The number is an application publication (kind code %(code)s), not a granted patent."
    ),
}
PART_NAMES: dict[str, Promise] = {
    Part.YEAR: gettext_lazy("year"),
    Part.SERIAL: gettext_lazy("serial number"),
    Part.TYPE: gettext_lazy("type digit"),
}
_TYPE_PARAMS = ("claimed", "actual", "type")


def describe_problem(problem: Problem) -> str:
    """One problem in plain words of the active language."""
    template = PROBLEM_TEXT.get(problem.code)
    if template is None:
        return problem.code
    params: dict[str, str | int] = dict(problem.params)
    if "part" in params:
        params["part"] = str(PART_NAMES.get(str(params["part"]), params["part"]))
    for key in _TYPE_PARAMS:
        if key in params and params[key] in IpType.values:
            params[key] = str(IpType(str(params[key])).label)
    return str(template) % params


def describe_mark(check: MarkCheck) -> list[str]:
    return [describe_problem(problem) for problem in check.problems]


def explain_mark(check: MarkCheck) -> list[tuple[Problem, str]]:
    """Each problem with its wording, for pages that also mark which part of the number it concerns."""
    return [(problem, describe_problem(problem)) for problem in check.problems]
