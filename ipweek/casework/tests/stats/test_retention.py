"""Retention: personal data of long-closed cases is purged, files too, once, with counts in the audit trail."""

import datetime as dt
import uuid
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ipweek.casework.models import Case, CaseEvent, DeskEntry, Evidence
from ipweek.casework.services.intake import submit_case
from ipweek.casework.services.retention import count_due, purge, purge_personal_data
from ipweek.casework.tests.stats.support import COMPLAINT, NAME, PHONE, close, make_case
from ipweek.core.models import AuditEvent

LONG_AGO = timezone.now() - dt.timedelta(days=400)


@pytest.fixture(autouse=True)
def console_gateway(settings):
    settings.IPWEEK_SMS_BACKEND = "console"


def pdf(name="invoice.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


@pytest.fixture
def old_case(office, handler):
    data = dict(COMPLAINT)
    case = submit_case(office=office, kind="complaint", channel="web", data=data, evidence=[pdf(), pdf("b.pdf")]).case
    return close(case, handler, closed=LONG_AGO)


@pytest.fixture
def recent_case(office, handler):
    return close(make_case(office), handler)


@pytest.fixture
def open_old_case(office):
    return make_case(office, received=LONG_AGO)


@pytest.fixture
def desk_entries(activity_of_a, office):
    def entry(when, contact):
        return DeskEntry.objects.create(
            activity=activity_of_a, unit=office, client_key=uuid.uuid4().hex, topic="other", ip_type="other",
            contact=contact, recorded_at=when,
        )  # fmt: skip

    return entry(LONG_AGO, PHONE), entry(timezone.now(), "13900001111")


def test_purge_blanks_the_complainant_and_deletes_evidence_files(old_case, settings):
    paths = [settings.IPWEEK_PRIVATE_ROOT / e.path for e in Evidence.objects.filter(case=old_case)]
    assert len(paths) == 2 and all(path.exists() for path in paths)

    purged = purge_personal_data(days=365)

    old_case.refresh_from_db()
    assert purged == 1
    assert old_case.personal_data_purged_at is not None
    assert (old_case.complainant_name, old_case.complainant_phone, old_case.complainant_id_number) == ("", "", "")
    assert (old_case.complainant_email, old_case.complainant_address) == ("", "")
    assert NAME not in old_case.facts and PHONE not in old_case.facts
    assert old_case.respondent_name == "示例市佳美电器店"
    assert not Evidence.objects.filter(case=old_case).exists()
    assert not any(path.exists() for path in paths)
    assert CaseEvent.objects.filter(case=old_case, action="data_purged").count() == 1


def test_purge_leaves_recent_and_open_cases_alone(old_case, recent_case, open_old_case):
    purge_personal_data(days=365)

    for case in (recent_case, open_old_case):
        case.refresh_from_db()
        assert case.complainant_name == NAME and case.personal_data_purged_at is None


def test_purge_is_idempotent_and_audits_counts_only(old_case, desk_entries):
    first = purge(days=365)
    second = purge(days=365)

    assert (first.cases, first.evidence_files, first.desk_contacts) == (1, 2, 1)
    assert (second.cases, second.evidence_files, second.desk_contacts) == (0, 0, 0)
    event = AuditEvent.objects.get(action="casework.personal_data_purged")
    assert event.data["cases"] == 1 and event.data["evidence_files"] == 2
    assert NAME not in str(event.data) and PHONE not in str(event.data)


def test_purge_blanks_old_desk_contacts_only(desk_entries):
    old, new = desk_entries

    purge_personal_data(days=365)

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.contact, new.contact) == ("", "13900001111")


def test_purge_counts_with_the_default_retention(old_case, settings):
    settings.IPWEEK_CASE_RETENTION_DAYS = 3 * 365

    assert purge_personal_data() == 0
    assert count_due(days=30).cases == 1


def test_command_dry_run_counts_and_changes_nothing(old_case):
    out = StringIO()

    call_command("purge_personal_data", "--days", "365", "--dry-run", stdout=out)

    old_case.refresh_from_db()
    assert "would purge: 1 case(s), 2 evidence file(s)" in out.getvalue()
    assert old_case.complainant_name == NAME


def test_command_purges_and_prints_counts(old_case):
    out = StringIO()

    call_command("purge_personal_data", "--days", "365", stdout=out)
    call_command("purge_personal_data", "--days", "365", stdout=out)

    assert "purged: 1 case(s), 2 evidence file(s)" in out.getvalue()
    assert "purged: 0 case(s), 0 evidence file(s)" in out.getvalue()
    assert Case.objects.get(pk=old_case.pk).personal_data_purged_at is not None


def test_command_refuses_negative_days():
    with pytest.raises(CommandError):
        call_command("purge_personal_data", "--days", "-1")
