"""Casework's part of the JSON API: ``cases`` (read, masked) and ``ecommerce`` (platforms' requests)."""

from ninja import Router

from ipweek.casework.api.cases import router as cases_router
from ipweek.casework.api.ecommerce import router as ecommerce_router

router = Router()
router.add_router("/cases", cases_router)
router.add_router("/ecommerce", ecommerce_router)
