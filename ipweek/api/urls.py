"""The JSON API v1, assembled from each app's ``api.py`` router."""

from ipweek.api.base import api
from ipweek.campaigns.api import router as campaigns_router
from ipweek.casework.api import router as casework_router
from ipweek.reporting.api import router as reporting_router
from ipweek.units.api import router as units_router

api.add_router("/campaigns", campaigns_router, tags=["campaigns"])
api.add_router("/campaigns", reporting_router, tags=["reporting"])
api.add_router("/", units_router, tags=["units"])
api.add_router("/casework", casework_router, tags=["casework"])

__all__ = ["api"]
