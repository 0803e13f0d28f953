"""``ipweek purge-personal-data [--days N] [--dry-run]``: blank the personal data of long-closed cases.

Safe to run any number of times (a purged case is never purged again); meant for a daily timer.
"""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ipweek.casework.services.retention import count_due, purge


class Command(BaseCommand):
    help = "Blank complainants' personal data and delete evidence files of cases closed more than N days ago."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.IPWEEK_CASE_RETENTION_DAYS,
            help="Days after closing (default: IPWEEK_CASE_RETENTION_DAYS, %(default)s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be purged; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 0:
            raise CommandError("--days must not be negative.")
        if options["dry_run"]:
            counts = count_due(days=days)
            verb = "would purge"
        else:
            counts = purge(days=days)
            verb = "purged"
        self.stdout.write(
            f"{verb}: {counts.cases} case(s), {counts.evidence_files} evidence file(s), "
            f"{counts.desk_contacts} desk contact(s) (closed or recorded more than {days} days ago)."
        )
