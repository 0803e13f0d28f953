"""The case-list export (masked by default; personal data with a reason, logged) and the access log."""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ipweek.casework.models import PersonalDataAccess
from ipweek.casework.permissions import CaseworkAccess
from ipweek.casework.services.exports import check_personal_export
from ipweek.casework.tests.stats.support import EMAIL, ID_NUMBER, NAME, PHONE, make_case

REASON = "向市场监管局移送案件，需提供投诉人联系方式"


@pytest.fixture(autouse=True)
def console_gateway(settings):
    settings.IPWEEK_SMS_BACKEND = "console"


def cells_of(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    return [str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row if value]


def test_masked_export_hides_the_complainant_from_a_reader(client, admin_zhang, open_case):
    client.force_login(admin_zhang)

    response = client.get(reverse("casework:export"))

    text = " ".join(cells_of(response))
    assert response.status_code == 200
    assert open_case.number in text
    assert "138****1234" in text and "张**" in text
    for secret in (PHONE, NAME, ID_NUMBER, EMAIL, "人民路1号3幢502室"):
        assert secret not in text
    assert not PersonalDataAccess.objects.exists()


def test_masked_export_is_masked_for_the_handler_too_and_leaks_no_codes(client, handler, open_case):
    client.force_login(handler)

    response = client.get(reverse("casework:export"))

    text = " ".join(cells_of(response))
    assert PHONE not in text and NAME not in text
    assert open_case.access_code_digest not in text and open_case.idempotency_key not in text


def test_masked_export_takes_filters_and_only_visible_offices(client, handler, office, open_case, other_case):
    consultation = make_case(office, kind="consultation")
    client.force_login(handler)

    response = client.get(reverse("casework:export"), {"kind": "complaint"})

    text = " ".join(cells_of(response))
    assert open_case.number in text
    assert other_case.number not in text
    assert consultation.number not in text


def test_masked_export_refuses_bad_filters(client, handler):
    client.force_login(handler)

    response = client.get(reverse("casework:export"), {"received_from": "2026-05-10", "received_to": "2026-05-01"})

    assert response.status_code == 400
    assert "received_to" in response.context["filter_form"].errors


def test_export_is_hidden_from_people_without_casework(client, outsider_wang):
    client.force_login(outsider_wang)

    assert client.get(reverse("casework:export")).status_code == 404
    assert client.get(reverse("casework:export_form")).status_code == 404


def test_export_sends_anonymous_visitors_to_sign_in(client):
    assert client.get(reverse("casework:export")).status_code == 302
    assert client.post(reverse("casework:export_form"), {"reason": REASON}).status_code == 302


def test_export_form_offers_personal_data_to_handlers_only(client, handler, admin_zhang):
    client.force_login(handler)
    offered = client.get(reverse("casework:export_form"))
    client.force_login(admin_zhang)
    not_offered = client.get(reverse("casework:export_form"))

    assert offered.status_code == not_offered.status_code == 200
    assert offered.context["personal_form"] is not None and 'id="export-personal"' in offered.content.decode()
    assert not_offered.context["personal_form"] is None and 'id="export-personal"' not in not_offered.content.decode()


def test_personal_export_needs_a_reason(client, handler, open_case):
    client.force_login(handler)

    response = client.post(reverse("casework:export_form"), {"reason": "   "})

    assert response.status_code == 400
    assert "reason" in response.context["personal_form"].errors
    assert not PersonalDataAccess.objects.exists()


def test_personal_export_with_a_reason_reveals_and_is_logged_once(client, handler, open_case, other_case):
    client.force_login(handler)

    response = client.post(reverse("casework:export_form"), {"reason": REASON})

    text = " ".join(cells_of(response))
    assert response.status_code == 200
    assert PHONE in text and NAME in text and ID_NUMBER in text
    assert other_case.number not in text and "13900001111" not in text
    assert open_case.access_code_digest not in text and open_case.idempotency_key not in text
    log = PersonalDataAccess.objects.get()
    assert (log.user, log.kind, log.reason, log.detail, log.case) == (handler, "export", REASON, "1", None)


def test_personal_export_is_refused_to_a_reader(client, admin_zhang, open_case):
    client.force_login(admin_zhang)

    response = client.post(reverse("casework:export_form"), {"reason": REASON})

    assert response.status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_personal_export_is_refused_for_an_office_one_does_not_handle(client, handler, other_office, other_case):
    client.force_login(handler)

    response = client.post(reverse("casework:export_form"), {"reason": REASON, "office": other_office.pk})

    assert response.status_code == 400
    assert "office" in response.context["personal_form"].errors
    assert not PersonalDataAccess.objects.exists()


def test_personal_export_needs_the_csrf_token(handler, open_case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(handler)

    response = client.post(reverse("casework:export_form"), {"reason": REASON})

    assert response.status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_personal_export_needs_every_office_handled():
    access = CaseworkAccess(handles=frozenset({1}), reads=frozenset({2}))

    with pytest.raises(PermissionDenied):
        check_personal_export(access, frozenset({1, 2}), REASON)
    assert check_personal_export(access, frozenset({1}), f"  {REASON} ") == REASON


def test_exported_text_that_looks_like_a_formula_stays_text(client, handler, office):
    make_case(office, subject='=HYPERLINK("http://evil.example","点击")')
    client.force_login(handler)

    response = client.post(reverse("casework:export_form"), {"reason": REASON})

    book = load_workbook(BytesIO(response.content))
    sheet = book.active
    subjects = [cell for row in sheet.iter_rows(min_row=3) for cell in row if str(cell.value).startswith("=HYPER")]
    assert subjects and all(cell.data_type == "s" for cell in subjects)


# --- the access log -------------------------------------------------------------------------------


@pytest.fixture
def log_rows(handler, other_handler, open_case, other_case):
    view = PersonalDataAccess.objects.create(
        user=handler, kind="view", case=open_case, reason=f"回访{NAME}，电话{PHONE}"
    )
    export = PersonalDataAccess.objects.create(user=handler, kind="export", reason=REASON, detail="3")
    elsewhere = PersonalDataAccess.objects.create(user=other_handler, kind="view", case=other_case)
    return view, export, elsewhere


def test_access_log_lists_the_offices_rows_without_personal_data(client, handler, log_rows):
    view, export, elsewhere = log_rows
    client.force_login(handler)

    response = client.get(reverse("casework:access_log"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-access="{view.pk}"' in html and f'data-access="{export.pk}"' in html
    assert f'data-access="{elsewhere.pk}"' not in html
    assert NAME not in html and PHONE not in html and "138****1234" in html


def test_access_log_is_readable_by_the_office_staff(client, admin_zhang, log_rows):
    client.force_login(admin_zhang)

    response = client.get(reverse("casework:access_log"))

    assert {row.pk for row, _reason in response.context["entries"]} == {log_rows[0].pk, log_rows[1].pk}


def test_access_log_of_another_office_shows_only_its_own(client, other_handler, log_rows):
    client.force_login(other_handler)

    response = client.get(reverse("casework:access_log"))

    assert [row.pk for row, _reason in response.context["entries"]] == [log_rows[2].pk]


def test_access_log_filters_by_user_and_date(client, handler, second_handler_log):
    client.force_login(handler)

    by_user = client.get(reverse("casework:access_log"), {"user": second_handler_log.user_id})
    by_date = client.get(reverse("casework:access_log"), {"date_from": "2001-01-01", "date_to": "2001-01-02"})

    assert [row.pk for row, _reason in by_user.context["entries"]] == [second_handler_log.pk]
    assert by_date.context["entries"] == []


@pytest.fixture
def second_handler_log(log_rows, campaign, office, open_case):
    from ipweek.casework.tests.stats.support import _caseworker

    colleague = _caseworker(campaign, office, "log_colleague", "郑专员")
    return PersonalDataAccess.objects.create(user=colleague, kind="evidence", case=open_case)


def test_access_log_refuses_a_wrong_filter(client, handler):
    client.force_login(handler)

    response = client.get(reverse("casework:access_log"), {"date_from": "2026-05-10", "date_to": "2026-05-01"})

    assert response.status_code == 400


def test_access_log_is_hidden_from_people_without_casework(client, outsider_wang):
    assert client.get(reverse("casework:access_log")).status_code == 302
    client.force_login(outsider_wang)

    assert client.get(reverse("casework:access_log")).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_access_log_queries_do_not_grow(client, handler, open_case, count, django_assert_num_queries):
    for _ in range(count):
        PersonalDataAccess.objects.create(user=handler, kind="view", case=open_case)
    client.force_login(handler)

    with django_assert_num_queries(7):
        response = client.get(reverse("casework:access_log"))

    assert len(response.context["entries"]) == count
