"""Pages for a case found during an inspection: the button on the inspection and the choice on its form."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from ipweek.casework.models import Case, Inspection
from ipweek.casework.services.intake import submit_case
from ipweek.casework.tests.enforcement.support import GOOD, action_url, inspection_post, inspection_url

FOUND_ITEM = {"product": "便携式榨汁杯", "quantity": "24", "mark_text": f"中国发明专利 {GOOD}"}


def open_case_url(inspection):
    return inspection_url(inspection, "enforcement_open_case")


# --- the button on the inspection page ------------------------------------------------------------------


def test_the_inspection_page_offers_its_caseworker_to_open_a_case(client, caseworker, found_inspection):
    client.force_login(caseworker)

    body = client.get(inspection_url(found_inspection)).content.decode()

    assert 'id="open-case"' in body and open_case_url(found_inspection) in body


def test_the_inspection_page_offers_readers_no_button(client, admin_zhang, found_inspection):
    client.force_login(admin_zhang)

    body = client.get(inspection_url(found_inspection)).content.decode()

    assert 'id="open-case"' not in body


def test_the_button_is_absent_when_the_outcome_is_not_case_opened(client, caseworker, inspection):
    client.force_login(caseworker)

    assert 'id="open-case"' not in client.get(inspection_url(inspection)).content.decode()


def test_a_caseworker_opens_the_case_and_the_inspection_links_to_it(client, caseworker, found_inspection):
    client.force_login(caseworker)

    response = client.post(open_case_url(found_inspection))

    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == inspection_url(found_inspection)
    assert Inspection.objects.get().case == case and case.channel == "inspection"
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["success"]
    page = client.get(inspection_url(found_inspection)).content.decode()
    assert reverse("casework:detail", args=[case.number]) in page
    assert 'id="open-case"' not in page


def test_posting_twice_opens_one_case(client, caseworker, found_inspection):
    client.force_login(caseworker)

    client.post(open_case_url(found_inspection))
    client.post(open_case_url(found_inspection))

    assert Case.objects.count() == 1


def test_opening_on_an_inspection_without_that_outcome_says_why_and_opens_nothing(client, caseworker, inspection):
    client.force_login(caseworker)

    response = client.post(open_case_url(inspection))

    assert response.status_code == 302
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["error"]
    assert not Case.objects.exists()


@pytest.mark.parametrize("user", ["admin_zhang", "stranger_caseworker", "outsider_wang"])
def test_readers_and_others_cannot_open_a_case(client, found_inspection, user, request):
    client.force_login(request.getfixturevalue(user))

    response = client.post(open_case_url(found_inspection))

    assert response.status_code == 404
    assert not Case.objects.exists()


def test_opening_needs_a_login_a_post_and_the_csrf_token(client, caseworker, found_inspection):
    assert "login" in client.post(open_case_url(found_inspection))["Location"]
    client.force_login(caseworker)
    assert client.get(open_case_url(found_inspection)).status_code == 405
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(caseworker)

    assert browser.post(open_case_url(found_inspection)).status_code == 403
    assert not Case.objects.exists()


# --- the choice on the inspection form ------------------------------------------------------------------


def test_the_form_opens_a_case_when_asked(client, caseworker, action):
    client.force_login(caseworker)

    response = client.post(
        action_url(action, "enforcement_inspection_new"),
        inspection_post(items=[FOUND_ITEM], outcome="case_opened", open_case="on"),
    )

    saved = Inspection.objects.get()
    assert response.status_code == 302
    assert saved.case is not None and (saved.case.kind, saved.case.channel) == ("report", "inspection")
    assert saved.case.respondent_name == "示例五金电器经营部"


def test_the_form_refuses_a_case_number_and_a_new_case_together(client, caseworker, action, centre):
    linked = submit_case(office=centre, kind="consultation", channel="web", data={"subject": "线索"}).case
    client.force_login(caseworker)

    response = client.post(
        action_url(action, "enforcement_inspection_new"),
        inspection_post(outcome="case_opened", case_number=linked.number, open_case="on"),
    )

    assert response.status_code == 400
    assert "open_case" in response.context["form"].errors
    assert not Inspection.objects.exists() and Case.objects.count() == 1


def test_the_form_refuses_a_new_case_without_the_case_opened_outcome(client, caseworker, action):
    client.force_login(caseworker)

    response = client.post(
        action_url(action, "enforcement_inspection_new"), inspection_post(outcome="no_issue", open_case="on")
    )

    assert response.status_code == 400
    assert "open_case" in response.context["form"].errors
    assert "示例五金电器经营部" in response.content.decode()  # what was typed is kept
    assert not Inspection.objects.exists() and not Case.objects.exists()
