"""``ipweek import-plan FILE``: read a plan (text, DOCX, PDF, DOC/WPS) and print or save what it says.

ipweek import-plan plan.docx --json            the PlanDraft as JSON on stdout, nothing else
ipweek import-plan plan.docx --dry-run         a short summary; nothing is saved
ipweek import-plan plan.docx --organiser 12    a new campaign organised by unit 12
ipweek import-plan plan.docx --campaign 7      the plan's sections and activities added to campaign 7
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ipweek.accounts.models import User
from ipweek.campaigns import importing
from ipweek.campaigns.forms_import import MAX_UPLOAD_BYTES
from ipweek.campaigns.models import Campaign
from ipweek.campaigns.services.importing import (
    ImportOutcome,
    create_campaign_from_draft,
    merge_draft_into_campaign,
)
from ipweek.plantext.draft import PlanDraft
from ipweek.units.models import Region, Unit


class Command(BaseCommand):
    help = (
        "Read an activity plan (.txt, .docx, .pdf, .doc, .wps) and print it as JSON (--json), summarise it "
        "(--dry-run), create a campaign from it, or add it to a campaign (--campaign)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="The plan file.")
        parser.add_argument("--json", action="store_true", help="Print only the PlanDraft JSON; save nothing.")
        parser.add_argument("--dry-run", action="store_true", help="Read and summarise; save nothing.")
        parser.add_argument("--campaign", type=int, metavar="ID", help="Add the plan to this campaign.")
        parser.add_argument("--organiser", type=int, metavar="UNIT_ID", help="The IP office organising a new campaign.")
        parser.add_argument("--region", metavar="CODE", help="GB/T 2260 code of a new campaign's region.")
        parser.add_argument("--year", type=int, help="The campaign year, when the plan does not say.")
        parser.add_argument(
            "--create-units",
            action="store_true",
            help="Create the units no existing unit matches (not groups such as 各成员单位).",
        )
        parser.add_argument("--user", metavar="USERNAME", help="Record the import in the audit trail as this user.")
        parser.add_argument("--force", action="store_true", help="Import an activity summary or news report anyway.")

    def handle(self, *args: Any, **options: Any) -> None:
        draft = self._read(Path(options["file"]))
        if options["json"]:
            self.stdout.write(draft.to_json())
            return
        self._summarise(draft)
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing saved.")
            return
        if draft.kind in importing.REPORT_KINDS and not options["force"]:
            raise CommandError(f"This reads as a {draft.kind}, not a plan; use --force to import it anyway.")
        try:
            outcome = self._save(draft, options)
        except ValidationError as error:
            raise CommandError(_describe(error)) from error
        self._report(outcome)

    def _read(self, path: Path) -> PlanDraft:
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        size = path.stat().st_size
        if size > MAX_UPLOAD_BYTES:
            raise CommandError(f"{path}: {size / 2**20:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB.")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror}).") from error
        from ipweek.plantext import PlanReadError, extract_text, parse_plan

        try:
            return parse_plan(extract_text(content, path.name))
        except PlanReadError as error:
            raise CommandError(f"{path}: {error.message}") from error

    def _summarise(self, draft: PlanDraft) -> None:
        sections = len([section for section in draft.sections if section.heading])
        lines = [
            f"kind: {draft.kind} ({draft.genre})",
            f"title: {draft.title or '—'}",
            f"year: {draft.year or '—'}   region: {draft.region or '—'}   issuer: {draft.issuer or '—'}",
            f"theme: {draft.theme or '—'}   dates: {draft.start_date or '—'} – {draft.end_date or '—'}",
            f"{sections} sections, {importing.activity_count(draft)} activities, {len(draft.unparsed)} unparsed lines",
            *(f"warning: {warning}" for warning in draft.warnings),
        ]
        self.stdout.write("\n".join(lines))

    def _save(self, draft: PlanDraft, options: dict[str, Any]) -> ImportOutcome:
        actor = self._actor(options["user"])
        if options["campaign"]:
            campaign = Campaign.objects.select_related("region").filter(pk=options["campaign"]).first()
            if campaign is None:
                raise CommandError(f"No campaign with id {options['campaign']}.")
            create_units = self._names_to_create(draft, campaign.region, options)
            return merge_draft_into_campaign(
                draft=draft, campaign=campaign, actor=actor, create_units=create_units, allow_report=options["force"]
            )
        organiser = self._organiser(draft, options)
        region = self._region(draft, options, organiser)
        year = options["year"] or draft.year
        if year is None:
            raise CommandError("The plan does not say its year; give --year.")
        return create_campaign_from_draft(
            draft=draft,
            actor=actor,
            region=region,
            organiser=organiser,
            year=year,
            level=region.level,
            create_units=self._names_to_create(draft, region, options),
            allow_report=options["force"],
        )

    def _actor(self, username: str | None) -> User | AnonymousUser:
        if not username:
            return AnonymousUser()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        return user

    def _region(self, draft: PlanDraft, options: dict[str, Any], organiser: Unit) -> Region:
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"No region with code {options['region']}.")
            return region
        return importing.match_region(draft.region) or organiser.region

    def _organiser(self, draft: PlanDraft, options: dict[str, Any]) -> Unit:
        if options["organiser"]:
            unit = Unit.objects.select_related("region").filter(pk=options["organiser"]).first()
            if unit is None:
                raise CommandError(f"No unit with id {options['organiser']}.")
            return unit
        # Inferred only when the issuer is named exactly as a unit: a wrong organiser is worse than a question.
        region = importing.match_region(draft.region)
        if draft.issuer:
            match = importing.match_units([draft.issuer], region=region)[0]
            if match.unit is not None and match.how == "exact":
                return match.unit
        raise CommandError(
            f"Which IP office organises this campaign? The issuer ({draft.issuer or 'not given'}) matches no unit "
            "exactly; give --organiser UNIT_ID."
        )

    def _names_to_create(self, draft: PlanDraft, region: Region, options: dict[str, Any]) -> set[str]:
        if not options["create_units"]:
            return set()
        matches = importing.match_units(importing.unit_names_in(draft), region=region)
        # '各成员单位' and '相关部门' name groups of units: they stay in the descriptions.
        return {
            match.name for match in matches if not match.is_matched and not importing.is_collective_name(match.name)
        }

    def _report(self, outcome: ImportOutcome) -> None:
        campaign = outcome.campaign
        self.stdout.write(
            self.style.SUCCESS(
                f"Campaign {campaign.pk} “{campaign.title}”: {outcome.sections} sections and "
                f"{outcome.activities} activities imported."
            )
        )
        if outcome.created_units:
            self.stdout.write("Units created: " + "、".join(unit.name for unit in outcome.created_units))
        if outcome.unmatched_names:
            self.stdout.write(
                "Unmatched unit names (kept in the activities' descriptions): " + "、".join(outcome.unmatched_names)
            )


def _describe(error: ValidationError) -> str:
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
