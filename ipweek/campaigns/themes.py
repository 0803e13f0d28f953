"""The national theme of each year's IP Publicity Week and WIPO's World IP Day theme.

The rows live in ``data/themes.csv``; an empty cell means the theme is not confirmed. The data
migration ``campaigns.0003_load_themes`` calls :func:`load_themes` with its historical model.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from ipweek.campaigns.models import Theme

THEMES_CSV = Path(__file__).resolve().parent / "data" / "themes.csv"

THEME_FIELDS = ("national_theme", "world_ip_day_theme_en", "world_ip_day_theme_zh")


@dataclass(frozen=True)
class ThemeRow:
    year: int
    national_theme: str
    world_ip_day_theme_en: str
    world_ip_day_theme_zh: str


@dataclass(frozen=True)
class ThemeLoadResult:
    created: int
    updated: int


def read_theme_rows(path: Path = THEMES_CSV) -> list[ThemeRow]:
    """The rows of the themes CSV, oldest year first."""
    with path.open(encoding="utf-8", newline="") as csv_file:
        rows = [
            ThemeRow(
                year=int(record["year"]),
                national_theme=record["national_theme"].strip(),
                world_ip_day_theme_en=record["world_ip_day_theme_en"].strip(),
                world_ip_day_theme_zh=record["world_ip_day_theme_zh"].strip(),
            )
            for record in csv.DictReader(csv_file)
        ]
    return sorted(rows, key=lambda row: row.year)


@transaction.atomic
def load_themes(theme_model: Any, rows: Iterable[ThemeRow]) -> ThemeLoadResult:
    """Create or update one theme per year; running it again with the same rows changes nothing.

    A value in the CSV replaces the stored one, but an empty cell never blanks a theme: the CSV
    leaves unconfirmed themes empty, and an administrator may since have filled them in.
    """
    manager = theme_model._default_manager
    rows = list(rows)
    existing = manager.in_bulk([row.year for row in rows], field_name="year")

    to_create = []
    to_update = []
    for row in rows:
        theme = existing.get(row.year)
        if theme is None:
            to_create.append(theme_model(year=row.year, **{field: getattr(row, field) for field in THEME_FIELDS}))
            continue
        changes = {
            field: getattr(row, field)
            for field in THEME_FIELDS
            if getattr(row, field) and getattr(row, field) != getattr(theme, field)
        }
        if changes:
            for field, value in changes.items():
                setattr(theme, field, value)
            to_update.append(theme)

    manager.bulk_create(to_create)
    manager.bulk_update(to_update, list(THEME_FIELDS))
    return ThemeLoadResult(created=len(to_create), updated=len(to_update))


def theme_for_year(year: int) -> str:
    """The national theme of ``year``, or "" when it is unknown."""
    national_theme = Theme.objects.filter(year=year).values_list("national_theme", flat=True).first()
    return national_theme or ""
