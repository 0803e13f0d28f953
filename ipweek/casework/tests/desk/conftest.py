"""The desk tests' fixtures, defined in ``support.py`` beside the constants the tests import."""

from ipweek.casework.tests.desk.support import (  # noqa: F401 — fixtures are found by name
    caseworker,
    centre,
    other_caseworker,
    square,
)
