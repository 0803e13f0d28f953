"""Numbering, intake, the state machine and masking: the parts every casework screen relies on."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ipweek.casework import numbering
from ipweek.casework.masking import mask_contact, mask_id_number, mask_name, mask_phone
from ipweek.casework.models import Case, CaseEvent, Evidence, Notification
from ipweek.casework.services.intake import submit_case
from ipweek.casework.services.workflow import apply_step, available_steps
from ipweek.units.models import Membership

COMPLAINT = {
    "subject": "网店销售仿冒专利产品",
    "complainant_name": "张三",
    "complainant_phone": "13812341234",
    "complainant_address": "示例市人民路1号",
    "respondent_name": "某某电器店",
    "respondent_address": "示例市建设路8号",
    "facts": "该店销售的产品标注专利号，但专利已失效。",
    "request": "请依法查处。",
    "ip_type": "utility_model",
    "consents_to_mediation": True,
}


@pytest.fixture
def office(campaign):
    return campaign.organiser


@pytest.fixture
def caseworker(campaign, office):
    from ipweek.campaigns.tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="caseworker_wu")
    MembershipFactory(user=user, campaign=campaign, unit=office, role=Membership.Role.CASEWORKER)
    return user


def test_case_numbers_are_per_type_year_and_region(office):
    first = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT).case
    second = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT).case
    consult = submit_case(office=office, kind="consultation", channel="desk", data={"subject": "如何申请专利"}).case
    year = first.received_at.astimezone().year
    assert first.number == f"TS{year}-{office.region.code}-00001"
    assert second.number == f"TS{year}-{office.region.code}-00002"
    assert consult.number == f"ZX{year}-{office.region.code}-00001"


def test_the_same_idempotency_key_gives_one_case_and_the_same_code(office):
    one = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT, idempotency_key="k" * 20)
    two = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT, idempotency_key="k" * 20)
    assert one.created and not two.created
    assert one.case.pk == two.case.pk and one.access_code == two.access_code
    assert Case.objects.count() == 1
    assert numbering.code_matches(one.case, one.access_code)
    assert not numbering.code_matches(one.case, "WRONGCODE")
    assert one.access_code not in one.case.access_code_digest


def test_missing_fields_are_named_and_nothing_is_saved(office):
    with pytest.raises(ValidationError) as caught:
        submit_case(office=office, kind="complaint", channel="web", data={"subject": "x", "ip_type": "design"})
    assert {"complainant_name", "complainant_phone", "respondent_name", "facts", "request"} <= set(
        caught.value.message_dict
    )
    assert not Case.objects.exists()


def test_a_disguised_evidence_file_is_refused_and_nothing_is_saved(office):
    fake = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT, evidence=[fake])
    assert "evidence" in caught.value.message_dict
    assert not Case.objects.exists()


def test_evidence_is_stored_privately(office, settings):
    pdf = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    case = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT, evidence=[pdf]).case
    evidence = Evidence.objects.get(case=case)
    assert (settings.IPWEEK_PRIVATE_ROOT / evidence.path).read_bytes().startswith(b"%PDF")
    assert not str(settings.IPWEEK_PRIVATE_ROOT).startswith(str(settings.MEDIA_ROOT))


def test_a_complaint_is_due_seven_working_days_after_receipt_across_may_day(office):
    received = dt.datetime(2026, 4, 28, 10, 0, tzinfo=dt.UTC)
    case = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT, received_at=received).case
    # 2026: 1–5 May off, Saturday 9 May worked; 29, 30 Apr, 6, 7, 8, 9, 11 May are the seven days.
    assert case.due_date == dt.date(2026, 5, 11)


def test_caseworker_accepts_assigns_decides_and_closes(office, caseworker):
    case = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT).case
    assert "accept" in available_steps(case)
    case = apply_step(case=case, step_name="accept", actor=caseworker, version=case.version)
    case = apply_step(case=case, step_name="assign", actor=caseworker, handler=caseworker)
    case = apply_step(case=case, step_name="mediate", actor=caseworker)
    case = apply_step(case=case, step_name="decide", actor=caseworker, outcome="mediated")
    case = apply_step(case=case, step_name="close", actor=caseworker)
    assert case.status == Case.Status.CLOSED and case.closed_at
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert actions == ["received", "accept", "assign", "mediate", "decide", "close"]
    assert Notification.objects.filter(case=case, recipient_masked="138****1234").count() == 2


def test_refusal_needs_reasons_and_a_stale_version_is_refused(office, caseworker):
    case = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT).case
    with pytest.raises(ValidationError):
        apply_step(case=case, step_name="refuse", actor=caseworker, note="  ")
    apply_step(case=case, step_name="accept", actor=caseworker)
    with pytest.raises(ValidationError):
        apply_step(case=case, step_name="assign", actor=caseworker, handler=caseworker, version=1)


def test_only_the_offices_caseworkers_move_a_case(office, admin_zhang):
    case = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT).case
    with pytest.raises(PermissionDenied):
        apply_step(case=case, step_name="accept", actor=admin_zhang)


def test_masks():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_phone("138-1234-1234") == "138****1234"
    assert mask_id_number("330102199001011234") == "330***********1234"
    assert mask_contact("someone@example.com") == "s***@example.com"
    assert mask_contact("13812341234") == "138****1234"


def test_mediation_needs_consent_and_keeps_the_clock_of_acceptance(office, caseworker):
    no_consent = submit_case(
        office=office, kind="complaint", channel="web", data={**COMPLAINT, "consents_to_mediation": False}
    ).case
    for step in ("accept", "assign"):
        no_consent = apply_step(case=no_consent, step_name=step, actor=caseworker, handler=caseworker)
    with pytest.raises(ValidationError):
        apply_step(case=no_consent, step_name="mediate", actor=caseworker)

    case = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT).case
    case = apply_step(case=case, step_name="accept", actor=caseworker)
    due_at_acceptance = case.due_date
    case = apply_step(case=case, step_name="assign", actor=caseworker, handler=caseworker)
    case = apply_step(case=case, step_name="mediate", actor=caseworker)
    assert case.due_rule == "complaint.mediation" and case.due_date == due_at_acceptance


@pytest.mark.django_db
def test_a_period_in_days_ending_on_a_holiday_ends_on_the_next_working_day():
    from ipweek.casework.deadlines import rule

    window = rule("ecommerce.window")  # 15 calendar days
    assert window.due(dt.date(2026, 4, 16)) == dt.date(2026, 5, 6)  # 1 May falls in the May Day break
    assert window.due(dt.date(2026, 4, 1)) == dt.date(2026, 4, 16)


def test_a_refused_case_is_purged_after_the_retention_period(office, caseworker):
    from ipweek.casework.services.retention import purge_personal_data

    case = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT).case
    case = apply_step(case=case, step_name="refuse", actor=caseworker, note="不属于本部门管辖")
    assert case.closed_at is not None

    purge_personal_data(now=case.closed_at + dt.timedelta(days=2), days=1)

    case.refresh_from_db()
    assert case.personal_data_purged_at and not case.complainant_phone and not case.complainant_name


def test_the_file_gateway_keeps_no_full_phone_number(office, caseworker, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.IPWEEK_SMS_BACKEND = "file"
    case = submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT).case

    apply_step(case=case, step_name="accept", actor=caseworker)

    written = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "notifications").iterdir())
    assert "138****1234" in written and "13812341234" not in written
