"""``ipweek send-reminders [--campaign ID] [--dry-run]``: e-mail liaisons about tasks due soon or overdue.

Safe to run any number of times: each liaison gets at most one e-mail a day per kind of task
(remembered as ``reminder.sent`` audit events). Meant for a daily timer or cron job.
"""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ipweek.campaigns.models import Campaign
from ipweek.reporting.services.deadlines import send_reminders


class Command(BaseCommand):
    help = "E-mail each unit liaison whose tasks are due within three days or overdue (at most once a day)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--campaign", type=int, metavar="ID", help="Only this campaign (default: every live one).")
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent; send and record nothing.")
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "IPWEEK_BASE_URL", ""),
            help="The site's address for links in the e-mail, e.g. https://ipweek.example.cn",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = None
        if options["campaign"] is not None:
            campaign = Campaign.objects.filter(pk=options["campaign"]).first()
            if campaign is None:
                raise CommandError(f"No campaign with id {options['campaign']}.")
        summary = send_reminders(campaign=campaign, dry_run=options["dry_run"], base_url=options["base_url"])
        verb = "would send" if options["dry_run"] else "sent"
        for line in summary.lines:
            self.stdout.write(f"{verb}: {line}")
        for line in summary.unreachable:
            self.stdout.write(f"no e-mail address: {line}")
        self.stdout.write(
            f"{summary.campaigns} campaign(s): {verb} {summary.sent} reminder(s); "
            f"{summary.skipped_already_reminded} liaison(s) already reminded today; "
            f"{summary.without_address} without an e-mail address."
        )
