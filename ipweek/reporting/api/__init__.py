"""The JSON twin of the reporting pages: filings, reports with figures and photos, rollups, submissions upward.

For units that report from their own systems. The services and permission rules are the pages': a
liaison files and reports for the activities their unit leads or co-organises (another unit's
activity is a 404), office staff review, readers see approved and published work. A caller who
may see something but not change it gets a 403; a change based on a stale ``version`` gets a 409.
"""

from ipweek.reporting.api import filings, levels, reports  # noqa: F401 - importing registers the operations
from ipweek.reporting.api.router import router
from ipweek.reporting.api.schemas import FilingIn, ReportIn, ReportPatch, SubmitIn

__all__ = ["FilingIn", "ReportIn", "ReportPatch", "SubmitIn", "router"]
