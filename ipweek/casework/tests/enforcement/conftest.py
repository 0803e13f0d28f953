"""The enforcement tests' fixtures, defined in ``support.py`` beside the constants the tests import."""

from ipweek.casework.tests.enforcement.support import (  # noqa: F401 — fixtures are found by name
    action,
    caseworker,
    centre,
    enforcement_activity,
    found_inspection,
    inspection,
    stranger_caseworker,
)
