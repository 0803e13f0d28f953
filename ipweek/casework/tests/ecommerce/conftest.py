"""The ecommerce tests' fixtures, defined in ``support.py`` beside the constants the tests import."""

from ipweek.casework.tests.ecommerce.support import (  # noqa: F401 — fixtures are found by name
    caseworker,
    ecommerce_request,
    measured,
    office,
    other_caseworker,
    other_platform,
    other_platform_user,
    platform,
    platform_user,
)
