"""Casework's part of the JSON API: ``cases`` (read, masked) and ``ecommerce`` (platforms' requests)."""

import importlib

from ninja import Router

router = Router()

for _area in ("cases", "ecommerce"):
    try:
        _module = importlib.import_module(f"ipweek.casework.api.{_area}")
    except ModuleNotFoundError:
        continue
    router.add_router(f"/{_area}", _module.router)
