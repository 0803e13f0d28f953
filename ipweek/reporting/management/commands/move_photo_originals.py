"""``ipweek move-photo-originals [--dry-run]``: move photo originals out of MEDIA_ROOT into private storage.

Before originals had a private storage they were written to ``MEDIA_ROOT/reports/originals/``,
where a front server that serves all of ``/media/`` would expose them, with the place each was
taken. This moves every file from there to ``IPWEEK_PRIVATE_ROOT/reports/originals/`` under the
same relative name, so the names stored on the photos stay right. Run it once after upgrading;
it is safe to run again: files already moved are skipped, a different file already at the target
is never overwritten (it is listed, and the command exits with an error so it gets looked at).
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ipweek.core.storage import move_files, private_root, private_storage
from ipweek.reporting.models import Photo

ORIGINALS = Path("reports") / "originals"


class Command(BaseCommand):
    help = "Move photo originals from MEDIA_ROOT/reports/originals/ to IPWEEK_PRIVATE_ROOT (safe to run twice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what would be moved; move nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(settings.MEDIA_ROOT) / ORIGINALS
        target = private_root() / ORIGINALS
        if source.resolve() == target.resolve():
            raise CommandError("IPWEEK_PRIVATE_ROOT and MEDIA_ROOT point to the same place; nothing to move.")
        result = move_files(source=source, target=target, dry_run=options["dry_run"])
        verb = "would move" if options["dry_run"] else "moved"
        self.stdout.write(
            f"{verb} {result.moved} file(s) from {source} to {target}; "
            f"{result.already_there} already there; {len(result.conflicts)} conflict(s)."
        )
        if not options["dry_run"]:
            missing = self._count_missing_originals()
            if missing:
                self.stdout.write(f"{missing} photo(s) have no original file in private storage.")
        if result.conflicts:
            for name in result.conflicts:
                self.stderr.write(f"conflict, left in place: {source / name} (a different file is at {target / name})")
            raise CommandError(f"{len(result.conflicts)} file(s) not moved; compare them and remove the wrong copy.")

    def _count_missing_originals(self) -> int:
        names = Photo.objects.exclude(image="").values_list("image", flat=True).iterator()
        storage = private_storage()
        return sum(1 for name in names if not storage.exists(name))
