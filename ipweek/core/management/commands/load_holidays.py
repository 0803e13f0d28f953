"""``ipweek load-holidays FILE``: enter a year's holiday arrangement (放假安排) from a CSV file.

The State Council publishes each year's arrangement late in the year before; the bundled calendar
only knows the years up to its release. Each line is ``date,kind,name`` with kind ``holiday`` or
``workday`` (a make-up working day), e.g. ``2027-05-01,holiday,劳动节``. Existing dates are updated.
``--check YEAR`` tells whether a year's working days are known.
"""

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ipweek.core.models import Holiday
from ipweek.core.workdays import is_covered


class Command(BaseCommand):
    help = "Load public holidays and make-up working days from a CSV file (date,kind,name)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="CSV file: date,kind,name")
        parser.add_argument("--check", type=int, metavar="YEAR", help="Report whether YEAR's working days are known.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            self._check(options["check"])
            return
        if not options["file"]:
            raise CommandError("Give a CSV file, or --check YEAR.")
        rows = self._read(Path(options["file"]))
        with transaction.atomic():
            for day, kind, name in rows:
                Holiday.objects.update_or_create(date=day, defaults={"kind": kind, "name": name})
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} days loaded."))

    def _read(self, path: Path) -> list[tuple[dt.date, str, str]]:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        rows = []
        with path.open(encoding="utf-8-sig", newline="") as source:
            for number, row in enumerate(csv.reader(source), start=1):
                if not row or row[0].startswith("#") or row[0].strip().lower() == "date":
                    continue
                rows.append(self._parse(number, row))
        return rows

    def _parse(self, number: int, row: list[str]) -> tuple[dt.date, str, str]:
        try:
            day = dt.date.fromisoformat(row[0].strip())
        except ValueError as error:
            raise CommandError(f"line {number}: {row[0]!r} is not a date like 2027-05-01") from error
        kind = row[1].strip() if len(row) > 1 else ""
        if kind not in Holiday.Kind.values:
            raise CommandError(f"line {number}: kind must be 'holiday' or 'workday', not {kind!r}")
        return day, kind, (row[2].strip() if len(row) > 2 else "")[:64]

    def _check(self, year: int) -> None:
        extra = Holiday.objects.filter(date__year=year).count()
        if is_covered(year):
            self.stdout.write(f"{year}: known from the bundled calendar ({extra} local changes).")
        elif extra:
            self.stdout.write(f"{year}: {extra} days entered by hand; other days follow Monday to Friday.")
        else:
            self.stdout.write(self.style.WARNING(f"{year}: not known yet — deadlines count Monday to Friday only."))
