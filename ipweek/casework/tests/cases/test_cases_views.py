"""The case detail, reveal, steps, notes and evidence: who may do what, and masking everywhere."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipweek.casework.models import Case, CaseEvent, Notification, PersonalDataAccess
from ipweek.casework.services.intake import submit_case
from ipweek.casework.services.workflow import apply_step
from ipweek.casework.tests.cases.support import COMPLAINT, MASKED_PHONE, NAME, PHONE, make_case

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def detail(case: Case) -> str:
    return reverse("casework:detail", args=[case.number])


def step_url(case: Case, step: str) -> str:
    return reverse("casework:step", args=[case.number, step])


@pytest.fixture
def case_with_evidence(office) -> Case:
    upload = SimpleUploadedFile("发票.pdf", PDF, content_type="application/pdf")
    return submit_case(office=office, kind="complaint", channel="web", data=COMPLAINT, evidence=[upload]).case


def test_detail_is_masked_for_the_handler_until_revealed(client, caseworker, case):
    client.force_login(caseworker)

    response = client.get(detail(case))

    html = response.content.decode()
    assert response.status_code == 200
    assert MASKED_PHONE in html and PHONE not in html
    assert "张**" in html and NAME not in html
    assert "330501199001011234" not in html
    assert 'id="reveal"' in html and 'id="steps"' in html
    assert "no-store" in response["Cache-Control"]
    assert not PersonalDataAccess.objects.exists()


def test_a_query_string_does_not_reveal(client, caseworker, case):
    client.force_login(caseworker)

    response = client.get(detail(case) + "?reveal=1")

    assert PHONE not in response.content.decode()


def test_reveal_shows_personal_data_once_and_logs_who_and_when(client, caseworker, case):
    client.force_login(caseworker)

    response = client.post(reverse("casework:reveal", args=[case.number]))
    again = client.get(detail(case))

    html = response.content.decode()
    assert response.status_code == 200
    assert PHONE in html and NAME in html and "330501199001011234" in html
    assert 'data-revealed="true"' in html and 'id="reveal"' not in html
    assert "no-store" in response["Cache-Control"]
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.case, access.kind) == (caseworker, case, PersonalDataAccess.Kind.VIEW)
    assert access.at is not None
    assert PHONE not in again.content.decode()


def test_reveal_needs_a_post(client, caseworker, case):
    client.force_login(caseworker)

    response = client.get(reverse("casework:reveal", args=[case.number]))

    assert response.status_code == 405
    assert not PersonalDataAccess.objects.exists()


def test_office_staff_read_masked_without_buttons(client, admin_zhang, case):
    client.force_login(admin_zhang)

    response = client.get(detail(case))

    html = response.content.decode()
    assert response.status_code == 200
    assert MASKED_PHONE in html and PHONE not in html and NAME not in html
    assert 'id="steps"' not in html and 'id="reveal"' not in html and 'id="note-form"' not in html


def test_office_staff_cannot_reveal_or_move_the_case(client, admin_zhang, case):
    client.force_login(admin_zhang)

    revealed = client.post(reverse("casework:reveal", args=[case.number]))
    stepped = client.post(step_url(case, "accept"), {"accept-version": case.version})
    noted = client.post(reverse("casework:note", args=[case.number]), {"note": "看过了"})

    case.refresh_from_db()
    assert (revealed.status_code, stepped.status_code, noted.status_code) == (404, 404, 404)
    assert case.status == Case.Status.RECEIVED
    assert not PersonalDataAccess.objects.exists()
    assert not CaseEvent.objects.filter(action="note").exists()


@pytest.mark.parametrize("name", ["detail", "reveal", "step", "note", "evidence"])
def test_caseworkers_of_another_office_get_404(client, other_caseworker, case_with_evidence, name):
    case = case_with_evidence
    urls = {
        "detail": ("get", detail(case)),
        "reveal": ("post", reverse("casework:reveal", args=[case.number])),
        "step": ("post", step_url(case, "accept")),
        "note": ("post", reverse("casework:note", args=[case.number])),
        "evidence": ("get", reverse("casework:evidence", args=[case.number, case.evidence.get().pk])),
    }
    method, url = urls[name]
    client.force_login(other_caseworker)

    response = getattr(client, method)(url, {"accept-version": 1, "note": "x"} if method == "post" else None)

    case.refresh_from_db()
    assert response.status_code == 404
    assert case.status == Case.Status.RECEIVED
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("user", ["outsider_wang", "coordinator_li", "viewer_zhao"])
def test_people_outside_casework_get_404(client, request, case, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(detail(case)).status_code == 404
    assert client.get(reverse("casework:list")).status_code == 404
    assert client.get(reverse("casework:home")).status_code == 404
    assert client.get(reverse("casework:new")).status_code == 404


def test_a_missing_case_is_a_404_like_a_hidden_one(client, caseworker, case):
    client.force_login(caseworker)

    assert client.get(reverse("casework:detail", args=["TS2026-990400-99999"])).status_code == 404


@pytest.mark.parametrize(
    ("method", "name", "extra"),
    [
        ("get", "casework:home", []),
        ("get", "casework:list", []),
        ("get", "casework:new", []),
        ("get", "casework:detail", ["number"]),
        ("post", "casework:reveal", ["number"]),
        ("post", "casework:step", ["number", "accept"]),
        ("post", "casework:note", ["number"]),
        ("get", "casework:evidence", ["number", 1]),
        ("get", "casework:transfer", ["number"]),
        ("post", "casework:transfer_receipt", ["number", 1]),
        ("post", "casework:transfer_result", ["number", 1]),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, case, method, name, extra):
    args = [case.number if arg == "number" else arg for arg in extra]

    response = getattr(client, method)(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_accept_moves_the_case_and_tells_the_complainant(client, caseworker, case):
    client.force_login(caseworker)

    response = client.post(step_url(case, "accept"), {"accept-version": case.version})

    case.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == detail(case)
    assert case.status == Case.Status.ACCEPTED
    assert Notification.objects.get(case=case).recipient_masked == MASKED_PHONE


def test_the_detail_offers_the_steps_that_fit(client, caseworker, case):
    client.force_login(caseworker)

    html = client.get(detail(case)).content.decode()

    assert 'id="step-accept"' in html and 'id="step-refuse"' in html and 'id="step-request_material"' in html
    assert 'id="step-close"' not in html and 'id="transfer-link"' not in html
    assert f'name="accept-version" value="{case.version}"' in html


def test_a_stale_version_is_refused_with_a_message(client, caseworker, second_caseworker, case):
    seen = case.version
    apply_step(case=case, step_name="accept", actor=second_caseworker, version=seen)
    client.force_login(caseworker)

    response = client.post(step_url(case, "refuse"), {"refuse-version": seen, "refuse-note": "材料不全"})

    case.refresh_from_db()
    assert response.status_code == 409
    assert case.status == Case.Status.ACCEPTED
    assert "form-errors" in response.content.decode()


def test_refusing_without_reasons_keeps_the_case_and_says_why(client, caseworker, case):
    client.force_login(caseworker)

    response = client.post(step_url(case, "refuse"), {"refuse-version": case.version, "refuse-note": "  "})

    case.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 400
    assert case.status == Case.Status.RECEIVED
    assert 'id="step-refuse"' in html and 'class="error"' in html


def test_assigning_to_another_offices_caseworker_is_refused(client, caseworker, other_caseworker, case):
    apply_step(case=case, step_name="accept", actor=caseworker)
    case.refresh_from_db()
    client.force_login(caseworker)

    response = client.post(
        step_url(case, "assign"), {"assign-version": case.version, "assign-handler": other_caseworker.pk}
    )

    case.refresh_from_db()
    assert response.status_code == 400
    assert case.handler is None


def test_assign_offers_only_this_offices_caseworkers(client, caseworker, second_caseworker, other_caseworker, case):
    apply_step(case=case, step_name="accept", actor=caseworker)
    client.force_login(caseworker)

    html = client.get(detail(case)).content.decode()
    response = client.post(
        step_url(case, "assign"), {"assign-version": case.version + 1, "assign-handler": second_caseworker.pk}
    )

    case.refresh_from_db()
    assert "钱专员" in html and "冯专员" not in html
    assert response.status_code == 302
    assert case.handler == second_caseworker and case.status == Case.Status.ASSIGNED


def test_deciding_needs_an_outcome(client, caseworker, case):
    client.force_login(caseworker)
    case = apply_step(case=case, step_name="accept", actor=caseworker)  # only consultations are decided at once

    missing = client.post(step_url(case, "decide"), {"decide-version": case.version, "decide-outcome": ""})
    done = client.post(step_url(case, "decide"), {"decide-version": case.version, "decide-outcome": "answered"})

    case.refresh_from_db()
    assert (missing.status_code, done.status_code) == (400, 302)
    assert (case.status, case.outcome) == (Case.Status.DECIDED, "answered")


def test_an_unknown_step_is_a_404(client, caseworker, case):
    client.force_login(caseworker)

    assert client.post(step_url(case, "delete"), {"delete-version": 1}).status_code == 404


def test_a_note_goes_on_the_trail(client, caseworker, case):
    client.force_login(caseworker)

    response = client.post(reverse("casework:note", args=[case.number]), {"note": "已电话联系，补充材料周五前寄出。"})
    empty = client.post(reverse("casework:note", args=[case.number]), {"note": ""})

    assert response.status_code == 302
    assert CaseEvent.objects.get(case=case, action="note").actor == caseworker
    assert empty.status_code == 400


def test_the_trail_and_notifications_show_without_personal_data(client, admin_zhang, caseworker, case):
    apply_step(case=case, step_name="accept", actor=caseworker)
    client.force_login(admin_zhang)

    html = client.get(detail(case)).content.decode()

    assert 'data-action="received"' in html and 'data-action="accept"' in html
    assert 'data-notification-state="sent"' in html
    assert MASKED_PHONE in html and PHONE not in html


def test_free_text_is_escaped(client, caseworker, office):
    case = make_case(office, subject="<script>alert(1)</script>", facts="<b>粗体</b>")
    client.force_login(caseworker)

    html = client.get(detail(case)).content.decode()

    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>粗体</b>" not in html


def test_evidence_downloads_for_the_handler_and_is_logged(client, caseworker, case_with_evidence):
    case = case_with_evidence
    evidence = case.evidence.get()
    client.force_login(caseworker)

    response = client.get(reverse("casework:evidence", args=[case.number, evidence.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    logged = PersonalDataAccess.objects.get()
    assert (logged.user, logged.case, logged.kind) == (caseworker, case, PersonalDataAccess.Kind.EVIDENCE)


def test_evidence_is_refused_to_readers_and_not_listed_by_name(client, admin_zhang, case_with_evidence):
    case = case_with_evidence
    client.force_login(admin_zhang)

    html = client.get(detail(case)).content.decode()
    response = client.get(reverse("casework:evidence", args=[case.number, case.evidence.get().pk]))

    assert "发票.pdf" not in html and 'id="evidence-count"' in html
    assert response.status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_evidence_of_another_case_is_not_served_through_this_one(client, caseworker, office, case_with_evidence):
    other = make_case(office)
    client.force_login(caseworker)

    response = client.get(reverse("casework:evidence", args=[other.number, case_with_evidence.evidence.get().pk]))

    assert response.status_code == 404


def test_a_missing_evidence_file_is_a_404_not_a_500(client, caseworker, case_with_evidence, settings):
    evidence = case_with_evidence.evidence.get()
    (settings.IPWEEK_PRIVATE_ROOT / evidence.path).unlink()
    client.force_login(caseworker)

    response = client.get(reverse("casework:evidence", args=[case_with_evidence.number, evidence.pk]))

    assert response.status_code == 404


def test_free_text_quoting_the_complainant_is_redacted_for_readers(client, admin_zhang, caseworker, office):
    case = make_case(office, subject=f"{NAME}投诉网店", facts=f"{NAME}（电话{PHONE}）在网店购买了产品。")
    detail = reverse("casework:detail", args=[case.number])

    client.force_login(admin_zhang)
    reader_page = client.get(detail).content.decode() + client.get(reverse("casework:list")).content.decode()
    client.force_login(caseworker)
    revealed = client.post(reverse("casework:reveal", args=[case.number])).content.decode()

    assert NAME not in reader_page and PHONE not in reader_page
    assert NAME in revealed and PHONE in revealed


def test_a_complaint_is_accepted_or_refused_before_it_is_decided(client, caseworker, case):
    client.force_login(caseworker)

    response = client.post(step_url(case, "decide"), {"decide-version": case.version, "decide-outcome": "mediated"})

    case.refresh_from_db()
    assert response.status_code == 400 and case.status == Case.Status.RECEIVED
