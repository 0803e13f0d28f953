"""Reference data for regions: the nation, provinces and prefecture-level divisions (GB/T 2260).

The rows live in ``data/regions.csv``. Slugs are toneless pinyin; where two regions would share one,
each is suffixed with its province's ISO 3166-2:CN code (``taizhou-js``, ``taizhou-zj``), except that
the better-known city keeps the plain slug (``fuzhou`` for 福州, ``fuzhou-jx`` for 抚州).

The data migration ``units.0002_load_regions`` and the ``load_regions`` command both call
:func:`load_regions`. It takes the model class as an argument so the migration can pass its
historical model.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

REGIONS_CSV = Path(__file__).resolve().parent / "data" / "regions.csv"

# Parents must exist before their children, so rows are loaded one level at a time in this order.
LEVEL_ORDER = ("nation", "province", "city", "county")

BATCH_SIZE = 200


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str
    parent_code: str
    slug: str


@dataclass(frozen=True)
class RegionLoadResult:
    created: int
    updated: int


def read_region_rows(path: Path = REGIONS_CSV) -> list[RegionRow]:
    """The rows of the regions CSV, parents before children."""
    with path.open(encoding="utf-8", newline="") as csv_file:
        rows = [
            RegionRow(
                code=record["code"].strip(),
                name=record["name"].strip(),
                level=record["level"].strip(),
                parent_code=record["parent_code"].strip(),
                slug=record["slug"].strip(),
            )
            for record in csv.DictReader(csv_file)
        ]
    return sorted(rows, key=lambda row: (LEVEL_ORDER.index(row.level), row.code))


@transaction.atomic
def load_regions(region_model: Any, rows: Iterable[RegionRow]) -> RegionLoadResult:
    """Create or update regions by code; running it again with the same rows changes nothing.

    ``region_model`` is ``units.Region`` or its historical twin from ``apps.get_model``. Regions
    that are not in ``rows`` are left alone.
    """
    manager = region_model._default_manager
    rows_by_level: dict[str, list[RegionRow]] = {level: [] for level in LEVEL_ORDER}
    for row in rows:
        rows_by_level[row.level].append(row)

    created = updated = 0
    for level in LEVEL_ORDER:
        level_rows = rows_by_level[level]
        if not level_rows:
            continue
        parent_codes = {row.parent_code for row in level_rows if row.parent_code}
        parent_ids = dict(manager.filter(code__in=parent_codes).values_list("code", "pk"))
        existing = manager.in_bulk([row.code for row in level_rows], field_name="code")

        to_create = []
        to_update = []
        for row in level_rows:
            if row.parent_code and row.parent_code not in parent_ids:
                raise ValueError(f"Region {row.code} names unknown parent {row.parent_code}.")
            values = {
                "name": row.name,
                "level": row.level,
                "slug": row.slug,
                "parent_id": parent_ids.get(row.parent_code),
            }
            region = existing.get(row.code)
            if region is None:
                to_create.append(region_model(code=row.code, **values))
            elif any(getattr(region, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(region, field, value)
                to_update.append(region)

        manager.bulk_create(to_create, batch_size=BATCH_SIZE)
        manager.bulk_update(to_update, ["name", "level", "slug", "parent"], batch_size=BATCH_SIZE)
        created += len(to_create)
        updated += len(to_update)

    return RegionLoadResult(created=created, updated=updated)
