"""The cases tests' fixtures, defined in ``support.py`` beside the constants the tests import."""

from ipweek.casework.tests.cases.support import (  # noqa: F401 — fixtures are found by name
    case,
    caseworker,
    office,
    other_caseworker,
    other_office,
    second_caseworker,
)
