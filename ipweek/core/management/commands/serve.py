"""``ipweek serve [--port N]``: collect static files and run the site under granian (WSGI)."""

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Serve IPWeek with granian; static files are served by granian from STATIC_ROOT."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "1")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))

    def granian_argv(self, options: dict[str, Any]) -> list[str]:
        published = Path(settings.MEDIA_ROOT) / "reports" / "published"
        published.mkdir(parents=True, exist_ok=True)
        executable = shutil.which("granian", path=os.path.dirname(sys.executable)) or shutil.which("granian")
        if executable is None:
            raise CommandError("找不到 granian：请先运行 make install。")
        return [
            executable,
            "--interface", "wsgi",
            "--host", options["host"],
            "--port", str(options["port"]),
            "--workers", str(options["workers"]),
            "--blocking-threads", str(options["threads"]),
            "--static-path-route", settings.STATIC_URL.rstrip("/"),
            "--static-path-mount", str(settings.STATIC_ROOT),
            # Only published photo copies are public; originals (with GPS) go through a checked view.
            "--static-path-route", f"{settings.MEDIA_URL}reports/published",
            "--static-path-mount", str(published),
            "--no-access-log",
            "ipweek.wsgi:application",
        ]  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        argv = self.granian_argv(options)
        self.stdout.write(f"IPWeek: http://{options['host']}:{options['port']}/", ending="\n")
        self.stdout.flush()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipweek.settings")
        os.execv(argv[0], argv)  # noqa: S606 - replaces this process with the server, by design
