"""The citizen's intake form: receipt, refusals, repeats, limits."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ipweek.campaigns.models import Campaign
from ipweek.casework import numbering
from ipweek.casework.forms_public import PUBLIC_KIND_VALUES, SHOWN_FOR
from ipweek.casework.models import Case, Evidence
from ipweek.casework.services import intake

COMPLAINT = {
    "kind": "complaint",
    "ip_type": "utility_model",
    "subject": "网店销售仿冒专利产品",
    "complainant_kind": "person",
    "complainant_name": "张三",
    "complainant_phone": "13812341234",
    "complainant_address": "示例市人民路1号",
    "respondent_name": "某某电器店",
    "respondent_address": "示例市建设路8号",
    "facts": "该店销售的产品标注专利号，但专利已失效。",
    "request": "请依法查处。",
    "consents_to_mediation": "on",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def running(campaign):
    campaign.status = Campaign.Status.RUNNING
    campaign.save(update_fields=["status"])
    return campaign


def complaint_url(campaign):
    return reverse("casework_public:complaint", args=[campaign.year, campaign.region.slug])


def form_key(response) -> str:
    match = re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode())
    assert match, "the form carries an idempotency key"
    return match.group(1)


def post(client, campaign, data, **files):
    return client.post(complaint_url(campaign), {**data, **files})


def test_complaint_form_renders_with_a_fresh_key(client, running):
    first = client.get(complaint_url(running))
    second = client.get(complaint_url(running))

    assert first.status_code == 200
    assert form_key(first) != form_key(second)
    assert 'name="csrfmiddlewaretoken"' in first.content.decode()
    assert "no-store" in first["Cache-Control"]
    assert 'value="ecommerce"' not in first.content.decode()


def test_complaint_form_is_hidden_for_a_draft_campaign(client, campaign):
    response = client.get(complaint_url(campaign))
    posted = post(client, campaign, {**COMPLAINT, "idempotency_key": "k" * 24})

    assert response.status_code == 404
    assert posted.status_code == 404
    assert not Case.objects.exists()


def test_complaint_submission_answers_with_the_receipt(client, running):
    key = form_key(client.get(complaint_url(running)))
    evidence = SimpleUploadedFile("invoice.pdf", PDF, content_type="application/pdf")

    response = post(client, running, {**COMPLAINT, "idempotency_key": key}, evidence=[evidence])

    case = Case.objects.get()
    body = response.content.decode()
    code = numbering.access_code_for(numbering.stored_key("web", case.office_id, key))
    assert key not in case.idempotency_key  # only a scoped digest of the key is kept
    assert response.status_code == 200
    assert response["X-Case-Number"] == case.number
    assert (case.channel, case.kind, case.campaign, case.office) == ("web", "complaint", running, running.organiser)
    assert case.consents_to_mediation and case.is_real_name
    assert f'id="access-code">{code}<' in body
    assert numbering.code_matches(case, code)
    assert "track/qr.svg?number=" in body and "data-print" in body
    assert Evidence.objects.filter(case=case).count() == 1
    assert "no-store" in response["Cache-Control"]


def test_the_receipt_qr_code_links_to_the_track_page_without_the_code(client, running, monkeypatch):
    seen = []
    monkeypatch.setattr("ipweek.casework.views.public.qr_svg_document", lambda url: seen.append(url) or b"<svg/>")

    response = post(client, running, {**COMPLAINT, "idempotency_key": "q" * 24})
    number = response["X-Case-Number"]
    qr_url = reverse("casework_public:track_qr", args=[running.year, running.region.slug]) + f"?number={number}"
    assert f'src="{qr_url}"' in response.content.decode()
    image = client.get(qr_url)

    track = reverse("casework_public:track", args=[running.year, running.region.slug])
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
    assert "public" in image["Cache-Control"]
    assert seen == [f"http://testserver{track}?number={number}"]
    assert numbering.access_code_for("q" * 24) not in seen[0]


def test_the_qr_image_is_drawn_for_well_formed_numbers_only(client, running):
    url = reverse("casework_public:track_qr", args=[running.year, running.region.slug])
    assert client.get(url, {"number": "TS2027-330500-00001"}).content.startswith(b"<svg")
    assert client.get(url, {"number": "<script>"}).status_code == 404
    assert client.get(url).status_code == 404


def test_missing_fields_are_named_and_typed_values_kept(client, running):
    data = {"kind": "complaint", "idempotency_key": "m" * 24, "subject": "<b>半截</b>投诉", "facts": "事实\n第二行"}

    response = post(client, running, data)

    body = response.content.decode()
    assert response.status_code == 400
    assert not Case.objects.exists()
    for field in ("complainant_name", "complainant_phone", "respondent_name", "request"):
        assert f'id="id_{field}_error"' in body
        assert f'href="#id_{field}"' in body
    assert 'aria-describedby="id_respondent_name_helptext id_respondent_name_error"' in body
    assert 'value="&lt;b&gt;半截&lt;/b&gt;投诉"' in body
    assert "事实\n第二行</textarea>" in body
    assert f'value="{"m" * 24}"' in body


def test_wrong_values_are_explained_per_field(client, running):
    data = {**COMPLAINT, "idempotency_key": "w" * 24, "complainant_phone": "abc", "ip_type": "spaceship"}

    response = post(client, running, data)

    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_complainant_phone_error"' in body and 'id="id_ip_type_error"' in body
    assert 'value="abc"' in body


def test_a_disguised_evidence_file_is_refused_and_nothing_is_saved(client, running, settings):
    fake = SimpleUploadedFile("contract.pdf", b"MZ\x90\x00\x03 an executable", content_type="application/pdf")

    response = post(client, running, {**COMPLAINT, "idempotency_key": "e" * 24}, evidence=[fake])

    assert response.status_code == 400
    assert 'id="id_evidence_error"' in response.content.decode()
    assert not Case.objects.exists() and not Evidence.objects.exists()
    assert not any(path.is_file() for path in settings.IPWEEK_PRIVATE_ROOT.rglob("*"))


def test_a_repeated_post_gives_one_case_with_the_same_number_and_code(client, running):
    data = {**COMPLAINT, "idempotency_key": "d" * 24}

    first = post(client, running, data)
    second = post(client, running, data)

    assert first.status_code == second.status_code == 200
    assert first["X-Case-Number"] == second["X-Case-Number"]
    assert Case.objects.count() == 1
    code = numbering.access_code_for(numbering.stored_key("web", running.organiser_id, "d" * 24))
    assert f'id="access-code">{code}<' in second.content.decode()


def test_a_post_without_a_key_still_works_once(client, running):
    response = post(client, running, COMPLAINT)

    assert response.status_code == 200
    assert Case.objects.get().idempotency_key


def test_the_form_refuses_a_post_without_csrf_token(running):
    client = Client(enforce_csrf_checks=True)

    response = client.post(complaint_url(running), {**COMPLAINT, "idempotency_key": "c" * 24})

    assert response.status_code == 403
    assert not Case.objects.exists()


def test_the_public_form_cannot_submit_an_ecommerce_request(client, running):
    response = post(client, running, {**COMPLAINT, "kind": "ecommerce", "idempotency_key": "x" * 24})

    assert response.status_code == 400
    assert 'id="id_kind_error"' in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"kind": "consultation", "subject": "如何申请外观设计专利"}, "consultation"),
        (
            {
                "kind": "report",
                "subject": "集市摊位假冒专利",
                "respondent_name": "某摊位",
                "facts": "标注的专利号不存在",
            },
            "report",
        ),
    ],
)
def test_a_consultation_or_an_anonymous_report_needs_no_contact(client, running, data, kind):
    response = post(client, running, {**data, "idempotency_key": kind * 4})

    case = Case.objects.get()
    assert response.status_code == 200
    assert case.kind == kind
    assert case.is_real_name == (kind != "report")


def test_a_named_report_needs_a_contact(client, running):
    data = {"kind": "report", "subject": "假冒专利", "respondent_name": "某店", "facts": "事实", "is_real_name": "on"}

    response = post(client, running, {**data, "idempotency_key": "n" * 24})

    assert response.status_code == 400
    assert 'id="id_complainant_phone_error"' in response.content.decode()


def test_intake_is_rate_limited_per_address(client, running, settings):
    settings.IPWEEK_INTAKE_RATE = 1
    post(client, running, {**COMPLAINT, "idempotency_key": "r" * 24})

    refused = post(client, running, {**COMPLAINT, "idempotency_key": "s" * 24})
    other = client.post(complaint_url(running), {**COMPLAINT, "idempotency_key": "t" * 24}, REMOTE_ADDR="10.0.0.9")

    assert refused.status_code == 429
    assert 'id="rate-limited"' in refused.content.decode()
    assert other.status_code == 200
    assert Case.objects.count() == 2


def test_every_field_a_type_needs_is_shown_for_that_type():
    for kind in PUBLIC_KIND_VALUES:
        for name in intake.REQUIRED[kind]:
            assert kind in SHOWN_FOR[name], (kind, name)


def test_the_campaign_site_links_to_the_complaint_page(client, running):
    response = client.get(reverse("portal:campaign", args=[running.year, running.region.slug]))

    assert complaint_url(running) in response.content.decode()


def test_a_short_client_key_is_kept_so_a_retry_is_not_doubled(client, running):
    first = post(client, running, {**COMPLAINT, "idempotency_key": "short-1"})
    second = post(client, running, {**COMPLAINT, "idempotency_key": "short-1"})

    assert first["X-Case-Number"] == second["X-Case-Number"]
    assert Case.objects.count() == 1


def test_a_key_used_elsewhere_does_not_fetch_that_case(client, running):
    """A hotline case's key, sent through the public form, opens a new case instead of showing the old receipt."""
    from ipweek.casework.services.intake import submit_case

    hotline = submit_case(
        office=running.organiser, kind="complaint", channel="hotline", data=COMPLAINT, idempotency_key="known-key-1"
    ).case

    response = post(client, running, {**COMPLAINT, "idempotency_key": "known-key-1"})

    assert response.status_code == 200
    assert response["X-Case-Number"] != hotline.number
    assert numbering.access_code_for(hotline.idempotency_key) not in response.content.decode()
    assert Case.objects.count() == 2
