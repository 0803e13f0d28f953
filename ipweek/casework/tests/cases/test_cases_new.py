"""Staff intake: a caseworker records a call, a letter, a visitor or a transfer-in for an office they handle."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ipweek.casework.models import Case, Evidence
from ipweek.casework.tests.cases.support import COMPLAINT
from ipweek.core.workdays import add_working_days

NEW = reverse("casework:new")


def form_data(office, **extra) -> dict:
    return {"idempotency_key": "key-" + "x" * 20, "office": office.pk, "channel": "hotline", "kind": "complaint",
            "complainant_kind": "person", "is_real_name": "on", **COMPLAINT, **extra}  # fmt: skip


def test_a_caseworker_records_a_hotline_complaint(client, caseworker, office):
    client.force_login(caseworker)

    response = client.post(NEW, form_data(office))

    case = Case.objects.get()
    html = response.content.decode()
    assert response.status_code == 201
    assert (case.office, case.channel, case.kind, case.created_by) == (office, "hotline", "complaint", caseworker)
    assert case.number in html and 'id="access-code"' in html
    assert case.due_date == add_working_days(timezone.localdate(), 7)


def test_sending_the_form_twice_records_one_case(client, caseworker, office):
    client.force_login(caseworker)

    first = client.post(NEW, form_data(office))
    second = client.post(NEW, form_data(office))

    assert (first.status_code, second.status_code) == (201, 200)
    assert Case.objects.count() == 1
    assert first.context["result"].access_code == second.context["result"].access_code


def test_the_form_offers_a_fresh_key_and_only_the_users_offices(client, caseworker, office, other_office):
    client.force_login(caseworker)

    response = client.get(NEW)

    form = response.context["form"]
    assert response.status_code == 200
    assert list(form.fields["office"].queryset) == [office]
    assert len(form.initial["idempotency_key"]) >= 20
    assert 'type="hidden" name="idempotency_key"' in response.content.decode()


def test_recording_for_another_office_is_refused(client, caseworker, other_office):
    client.force_login(caseworker)

    response = client.post(NEW, form_data(other_office))

    assert response.status_code == 400
    assert not Case.objects.exists()


def test_missing_fields_are_named_and_what_was_typed_is_kept(client, caseworker, office):
    client.force_login(caseworker)
    data = form_data(office, complainant_phone="", respondent_name="", subject="专利标识不规范")

    response = client.post(NEW, data)

    form = response.context["form"]
    assert response.status_code == 400
    assert {"complainant_phone", "respondent_name"} <= set(form.errors)
    assert 'value="专利标识不规范"' in response.content.decode()
    assert not Case.objects.exists()


def test_a_letter_received_earlier_counts_from_its_day(client, caseworker, office):
    client.force_login(caseworker)
    received = timezone.localdate() - dt.timedelta(days=10)

    response = client.post(NEW, form_data(office, channel="letter", received_on=received.isoformat()))

    case = Case.objects.get()
    assert response.status_code == 201
    assert timezone.localdate(case.received_at) == received
    assert case.due_date == add_working_days(received, 7)


@pytest.mark.parametrize("days", [-1, 400])
def test_a_day_of_receipt_in_the_future_or_long_ago_is_refused(client, caseworker, office, days):
    client.force_login(caseworker)
    day = timezone.localdate() - dt.timedelta(days=days)

    response = client.post(NEW, form_data(office, received_on=day.isoformat()))

    assert response.status_code == 400
    assert "received_on" in response.context["form"].errors


def test_evidence_is_stored_with_the_case(client, caseworker, office):
    client.force_login(caseworker)
    upload = SimpleUploadedFile("合同.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    response = client.post(NEW, {**form_data(office), "evidence": [upload]})

    assert response.status_code == 201
    assert Evidence.objects.get().original_name == "合同.pdf"


def test_a_disguised_evidence_file_is_refused_and_nothing_saved(client, caseworker, office):
    client.force_login(caseworker)
    upload = SimpleUploadedFile("照片.png", b"MZ\x90\x00 not an image", content_type="image/png")

    response = client.post(NEW, {**form_data(office), "evidence": [upload]})

    assert response.status_code == 400
    assert "evidence" in response.context["form"].errors
    assert not Case.objects.exists()


def test_office_staff_cannot_record_cases(client, admin_zhang, office):
    client.force_login(admin_zhang)

    assert client.get(NEW).status_code == 404
    assert client.post(NEW, form_data(office)).status_code == 404
    assert not Case.objects.exists()
