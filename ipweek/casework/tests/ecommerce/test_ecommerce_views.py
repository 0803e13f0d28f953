"""The e-commerce pages: who gets in, what they see (masked), and what each form does."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipweek.casework.models import Case, EcommerceRequest, Evidence, PersonalDataAccess
from ipweek.casework.services import ecommerce as services
from ipweek.casework.tests.ecommerce.support import DATA, PHONE, backdate_measure, days_ago, submit


def url(name: str, *args: str) -> str:
    return reverse(f"casework:{name}", args=args)


def number_of(item: EcommerceRequest) -> str:
    return item.case.number


# --- office dashboard --------------------------------------------------------------------------------


def test_dashboard_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(url("ecommerce"))

    assert response.status_code == 302 and "login" in response["Location"]


def test_dashboard_is_hidden_from_liaisons_and_platforms(client, coordinator_li, platform_user):
    for user in (coordinator_li, platform_user):
        client.force_login(user)
        assert client.get(url("ecommerce")).status_code == 404


def test_dashboard_groups_open_requests_by_platform_and_flags_the_overdue(client, caseworker, platform, other_platform):
    late = submit(platform, received_at=days_ago(20))
    fresh = submit(other_platform)
    client.force_login(caseworker)

    response = client.get(url("ecommerce"))

    content = response.content.decode()
    assert response.status_code == 200
    assert f'data-platform="{platform.pk}"' in content and f'data-platform="{other_platform.pk}"' in content
    assert late.case.number in content and fresh.case.number in content
    assert 'data-state="overdue"' in content and 'data-state="ok"' in content


def test_dashboard_leaves_out_finished_requests(client, caseworker, ecommerce_request, platform_user):
    services.record_measure(request=ecommerce_request, actor=platform_user, measure="none")
    client.force_login(caseworker)

    response = client.get(url("ecommerce"))

    assert ecommerce_request.case.number not in response.content.decode()


def test_dashboard_masks_the_phone_for_readers(client, admin_zhang, ecommerce_request):
    client.force_login(admin_zhang)

    response = client.get(url("ecommerce"))

    assert response.status_code == 200
    assert ecommerce_request.case.number in response.content.decode()
    assert PHONE not in response.content.decode()


def test_dashboard_hides_another_offices_requests(client, other_caseworker, ecommerce_request):
    client.force_login(other_caseworker)

    response = client.get(url("ecommerce"))

    assert response.status_code == 200
    assert ecommerce_request.case.number not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_queries_do_not_grow(client, caseworker, platform, other_platform, count, django_assert_num_queries):
    for _ in range(count):
        submit(platform)
        submit(other_platform)
    client.force_login(caseworker)
    client.get(url("ecommerce"))  # warm the holiday cache

    with django_assert_num_queries(5):  # session, user, memberships, requests, the casework link
        client.get(url("ecommerce"))


# --- office detail, reveal, opinion, close --------------------------------------------------------------


def test_detail_is_hidden_from_outsiders(client, coordinator_li, other_caseworker, platform_user, ecommerce_request):
    for user in (coordinator_li, other_caseworker, platform_user):
        client.force_login(user)
        assert client.get(url("ecommerce_detail", number_of(ecommerce_request))).status_code == 404


def test_detail_for_a_reader_is_masked_and_read_only(client, admin_zhang, ecommerce_request):
    client.force_login(admin_zhang)

    response = client.get(url("ecommerce_detail", number_of(ecommerce_request)))

    content = response.content.decode()
    assert response.status_code == 200
    assert PHONE not in content and "139****5678" in content
    assert 'id="read-only"' in content
    assert 'id="opinion"' not in content and 'id="reveal-form"' not in content


def test_detail_for_a_handler_offers_the_opinion_still_masked(client, caseworker, ecommerce_request):
    client.force_login(caseworker)

    response = client.get(url("ecommerce_detail", number_of(ecommerce_request)))

    content = response.content.decode()
    assert 'id="opinion"' in content and 'id="reveal-form"' in content
    assert PHONE not in content


def test_a_handler_reveals_the_contact_and_it_is_logged(client, caseworker, ecommerce_request):
    client.force_login(caseworker)

    response = client.post(url("ecommerce_reveal", number_of(ecommerce_request)))

    assert response.status_code == 200
    assert PHONE in response.content.decode()
    assert PersonalDataAccess.objects.filter(user=caseworker, case=ecommerce_request.case).count() == 1


def test_a_reader_cannot_reveal(client, admin_zhang, ecommerce_request):
    client.force_login(admin_zhang)

    response = client.post(url("ecommerce_reveal", number_of(ecommerce_request)))

    assert response.status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_a_handler_issues_the_opinion(client, caseworker, ecommerce_request):
    client.force_login(caseworker)
    number = number_of(ecommerce_request)

    response = client.post(
        url("ecommerce_opinion", number), {"opinion": "infringing", "reasons": "特征相同。", "version": 1}
    )

    assert response.status_code == 302
    item = EcommerceRequest.objects.get()
    assert (item.opinion, item.case.status) == ("infringing", "decided")


def test_an_opinion_without_reasons_is_explained_and_kept(client, caseworker, ecommerce_request):
    client.force_login(caseworker)

    response = client.post(url("ecommerce_opinion", number_of(ecommerce_request)), {"opinion": "infringing"})

    assert response.status_code == 400
    assert 'value="infringing" id="id_opinion_0" checked' in response.content.decode()
    assert response.context["opinion_form"].errors["reasons"]
    assert EcommerceRequest.objects.get().opinion == ""


def test_a_stale_opinion_form_is_refused(client, caseworker, ecommerce_request, platform_user):
    services.record_measure(request=ecommerce_request, actor=platform_user, measure="block")
    client.force_login(caseworker)

    response = client.post(
        url("ecommerce_opinion", number_of(ecommerce_request)),
        {"opinion": "infringing", "reasons": "特征相同。", "version": 1},
    )

    assert response.status_code == 400
    assert response.context["opinion_form"].non_field_errors()
    assert EcommerceRequest.objects.get().opinion == ""


def test_readers_and_platforms_cannot_issue_the_opinion(client, admin_zhang, platform_user, ecommerce_request):
    for user in (admin_zhang, platform_user):
        client.force_login(user)
        response = client.post(
            url("ecommerce_opinion", number_of(ecommerce_request)), {"opinion": "infringing", "reasons": "x"}
        )
        assert response.status_code == 404
    assert EcommerceRequest.objects.get().opinion == ""


def test_a_handler_closes_a_decided_case_and_a_reader_cannot(client, caseworker, admin_zhang, measured):
    number = number_of(measured)
    client.force_login(admin_zhang)
    assert client.post(url("ecommerce_close", number)).status_code == 404

    client.force_login(caseworker)
    response = client.post(url("ecommerce_close", number))

    assert response.status_code == 302
    assert Case.objects.get().status == "closed"


def test_office_forms_need_the_csrf_token(caseworker, ecommerce_request):
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)

    response = client.post(url("ecommerce_opinion", number_of(ecommerce_request)), {"opinion": "infringing"})

    assert response.status_code == 403


# --- platform pages ---------------------------------------------------------------------------------


def test_platform_pages_are_for_platforms_only(client, caseworker, coordinator_li):
    assert client.get(url("ecommerce_platform")).status_code == 302
    for user in (caseworker, coordinator_li):
        client.force_login(user)
        assert client.get(url("ecommerce_platform")).status_code == 404
        assert client.get(url("ecommerce_platform_new")).status_code == 404


def test_a_platform_lists_only_its_own_requests(client, platform_user, platform, other_platform):
    own = submit(platform)
    theirs = submit(other_platform)
    client.force_login(platform_user)

    response = client.get(url("ecommerce_platform"))

    content = response.content.decode()
    assert response.status_code == 200
    assert own.case.number in content and theirs.case.number not in content
    assert PHONE not in content


@pytest.mark.parametrize("count", [1, 3])
def test_platform_list_queries_do_not_grow(client, platform_user, platform, count, django_assert_num_queries):
    for _ in range(count):
        submit(platform)
    client.force_login(platform_user)
    client.get(url("ecommerce_platform"))

    with django_assert_num_queries(5):  # session, user, platform, requests, the casework link
        client.get(url("ecommerce_platform"))


def test_a_platform_sends_a_request_with_evidence_once(client, platform_user, platform):
    client.force_login(platform_user)
    form = client.get(url("ecommerce_platform_new")).context["form"]
    key = form.initial["idempotency_key"]
    pdf = SimpleUploadedFile("notice.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    first = client.post(url("ecommerce_platform_new"), {**DATA, "idempotency_key": key, "evidence": pdf})
    again = client.post(url("ecommerce_platform_new"), {**DATA, "idempotency_key": key})

    item = EcommerceRequest.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == url("ecommerce_platform_request", item.case.number)
    assert item.platform == platform and Evidence.objects.filter(case=item.case).count() == 1


def test_a_malformed_patent_number_is_explained_and_the_form_kept(client, platform_user, platform):
    client.force_login(platform_user)

    response = client.post(url("ecommerce_platform_new"), {**DATA, "patent_number": "ZL201310699744.9", "facts": ""})

    form = response.context["form"]
    assert response.status_code == 400
    assert set(form.errors) == {"patent_number", "facts"}
    assert "2" in form.errors["patent_number"][0]
    assert DATA["shop_name"] in response.content.decode()
    assert not Case.objects.exists()


def test_a_disguised_evidence_file_is_refused(client, platform_user, platform):
    client.force_login(platform_user)
    fake = SimpleUploadedFile("notice.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")

    response = client.post(url("ecommerce_platform_new"), {**DATA, "evidence": fake})

    assert response.status_code == 400
    assert "evidence" in response.context["form"].errors
    assert not Case.objects.exists()


def test_another_platforms_request_is_not_found(client, other_platform_user, ecommerce_request):
    client.force_login(other_platform_user)
    number = number_of(ecommerce_request)

    assert client.get(url("ecommerce_platform_request", number)).status_code == 404
    assert client.post(url("ecommerce_platform_step", number, "measure"), {"measure": "delete"}).status_code == 404
    assert EcommerceRequest.objects.get().measure == ""


def test_a_platform_records_its_measure(client, platform_user, ecommerce_request):
    client.force_login(platform_user)
    number = number_of(ecommerce_request)
    page = client.get(url("ecommerce_platform_request", number))
    assert 'id="step-measure"' in page.content.decode()

    response = client.post(url("ecommerce_platform_step", number, "measure"), {"measure": "delete", "version": 1})

    assert response.status_code == 302
    assert EcommerceRequest.objects.get().measure == "delete"


def test_a_platform_records_the_declaration_and_cannot_restore_in_the_window(client, platform_user, measured):
    client.force_login(platform_user)
    number = number_of(measured)
    today = timezone.localdate().isoformat()

    declared = client.post(url("ecommerce_platform_step", number, "counter-notice"), {"at": today})
    refused = client.post(url("ecommerce_platform_step", number, "final"), {"final": "restored"})

    item = EcommerceRequest.objects.get()
    assert declared.status_code == 302 and item.window_ends is not None
    assert refused.status_code == 400
    assert refused.context["forms"]["final"].errors["final"]
    assert item.final == ""


def test_a_platform_restores_after_the_window(client, platform_user, measured):
    item = backdate_measure(measured, 20)
    services.record_counter_notice(request=item, actor=platform_user, at=days_ago(16))
    client.force_login(platform_user)
    number = number_of(measured)
    page = client.get(url("ecommerce_platform_request", number)).content.decode()
    assert 'value="restored"' in page and 'value="kept"' not in page

    response = client.post(url("ecommerce_platform_step", number, "final"), {"final": "restored"})

    assert response.status_code == 302
    assert EcommerceRequest.objects.get().final == "restored"


def test_a_platform_records_a_complaint_or_suit(client, platform_user, measured):
    services.record_counter_notice(request=measured, actor=platform_user)
    client.force_login(platform_user)

    response = client.post(url("ecommerce_platform_step", number_of(measured), "complaint-or-suit"))

    assert response.status_code == 302
    assert EcommerceRequest.objects.get().complaint_or_suit_notified


def test_an_unknown_step_is_not_found(client, platform_user, ecommerce_request):
    client.force_login(platform_user)

    response = client.post(url("ecommerce_platform_step", number_of(ecommerce_request), "delete-everything"))

    assert response.status_code == 404


def test_platform_forms_need_the_csrf_token(platform_user, ecommerce_request):
    client = Client(enforce_csrf_checks=True)
    client.force_login(platform_user)

    response = client.post(
        url("ecommerce_platform_step", number_of(ecommerce_request), "measure"), {"measure": "block"}
    )

    assert response.status_code == 403
    assert EcommerceRequest.objects.get().measure == ""
