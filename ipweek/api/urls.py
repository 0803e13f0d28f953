"""The JSON API v1, assembled from each app's ``api.py`` router."""

from ipweek.api.base import api

__all__ = ["api"]
