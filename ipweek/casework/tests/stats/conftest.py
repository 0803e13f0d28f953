"""The stats tests' fixtures, defined in ``support.py`` beside the constants the tests import."""

from ipweek.casework.tests.stats.support import (  # noqa: F401 — fixtures are found by name
    closed_case,
    handler,
    office,
    open_case,
    other_case,
    other_handler,
    other_office,
    second_handler,
)
