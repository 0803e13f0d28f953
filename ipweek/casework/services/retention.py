"""Purging personal data a while after a case is closed (``IPWEEK_CASE_RETENTION_DAYS``, three years by default).

A purged case keeps what the statistics and the trail need (type, dates, outcome, the respondent,
which is usually a business) and loses who complained: the ``complainant_*`` fields are blanked,
the facts and request are redacted with the complainant's own name and numbers, the evidence files
are deleted from the private folder together with their rows, and ``personal_data_purged_at`` is
set. Contacts left at a desk are blanked once they are as old. Running it twice purges nothing the
second time. The audit trail gets counts only.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ipweek.casework.models import Case, CaseEvent, DeskEntry, Evidence
from ipweek.casework.redaction import Known, known_of, redact
from ipweek.core.models import AuditEvent
from ipweek.core.storage import private_root

logger = logging.getLogger(__name__)

COMPLAINANT_FIELDS = (
    "complainant_name",
    "complainant_id_number",
    "complainant_phone",
    "complainant_email",
    "complainant_address",
)
BATCH = 200


@dataclass(frozen=True)
class PurgeCounts:
    cases: int
    evidence_files: int
    desk_contacts: int


def _cutoff(now: dt.datetime | None, days: int | None) -> dt.datetime:
    limit = settings.IPWEEK_CASE_RETENTION_DAYS if days is None else days
    if limit < 0:
        raise ValueError("days must not be negative")
    return (now or timezone.now()) - dt.timedelta(days=limit)


def due_cases(cutoff: dt.datetime) -> QuerySet[Case]:
    """Closed (or refused) before ``cutoff`` and not purged yet."""
    return Case.objects.filter(
        status__in=[Case.Status.CLOSED, Case.Status.REFUSED], closed_at__lt=cutoff, personal_data_purged_at__isnull=True
    ).order_by("pk")


def due_desk_entries(cutoff: dt.datetime) -> QuerySet[DeskEntry]:
    return DeskEntry.objects.filter(recorded_at__lt=cutoff).exclude(contact="")


def count_due(*, now: dt.datetime | None = None, days: int | None = None) -> PurgeCounts:
    """What :func:`purge` would remove, for a dry run."""
    cutoff = _cutoff(now, days)
    cases = due_cases(cutoff)
    return PurgeCounts(
        cases=cases.count(),
        evidence_files=Evidence.objects.filter(case__in=cases).count(),
        desk_contacts=due_desk_entries(cutoff).count(),
    )


def _purge_case(case: Case, now: dt.datetime) -> list[Path]:
    """Blank one case inside the caller's transaction; returns the evidence files to delete after commit."""
    known = known_of(case)
    # The respondent stays named on the case; only the complainant's identity goes from the texts.
    complainant_only = Known(
        names=tuple(p for p in known.names if p[0] in (case.complainant_name, case.complainant_address)),
        numbers=known.numbers,
    )
    case.subject = redact(case.subject, complainant_only)
    case.facts = redact(case.facts, complainant_only)
    case.request = redact(case.request, complainant_only)
    for name in COMPLAINANT_FIELDS:
        setattr(case, name, "")
    case.personal_data_purged_at = now
    case.version += 1  # the row is locked by the caller
    case.save(
        update_fields=[
            *COMPLAINANT_FIELDS,
            "subject",
            "facts",
            "request",
            "personal_data_purged_at",
            "version",
            "updated_at",
        ]
    )
    CaseEvent.objects.create(case=case, at=now, action="data_purged", from_status=case.status, to_status=case.status)
    evidence = list(Evidence.objects.filter(case=case).values_list("pk", "path"))
    Evidence.objects.filter(pk__in=[pk for pk, _path in evidence]).delete()
    return [private_root() / path for _pk, path in evidence]


def _delete_files(paths: list[Path]) -> None:
    root = private_root().resolve()
    for path in paths:
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            logger.error("evidence path outside the private root was not deleted")
            continue
        try:
            resolved.unlink(missing_ok=True)
        except OSError as error:
            logger.error("evidence file could not be deleted: %s", type(error).__name__)


def purge(*, now: dt.datetime | None = None, days: int | None = None) -> PurgeCounts:
    """Purge every case closed more than ``days`` ago, in batches; files go once their rows are gone."""
    now = now or timezone.now()
    cutoff = _cutoff(now, days)
    cases = files = 0
    while True:
        with transaction.atomic():
            batch = list(due_cases(cutoff).select_for_update()[:BATCH])
            paths = [path for case in batch for path in _purge_case(case, now)]
        _delete_files(paths)
        cases += len(batch)
        files += len(paths)
        if len(batch) < BATCH:
            break
    contacts = due_desk_entries(cutoff).update(contact="")
    counts = PurgeCounts(cases=cases, evidence_files=files, desk_contacts=contacts)
    if cases or files or contacts:
        # Not about one object, so written directly rather than through record_audit(obj=...).
        AuditEvent.objects.create(
            action="casework.personal_data_purged",
            object_type="casework.case",
            object_id="*",
            data={"cases": cases, "evidence_files": files, "desk_contacts": contacts, "cutoff": cutoff.isoformat()},
        )
    return counts


def purge_personal_data(now: dt.datetime | None = None, days: int | None = None) -> int:
    """Purge what is due; the number of cases purged (see :func:`purge` for every count)."""
    return purge(now=now, days=days).cases
