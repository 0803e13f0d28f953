"""Pages of the enforcement log: who may see and change what, bad input, masking and pinned query counts."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ipweek.casework.models import Inspection, InspectionItem, SpecialAction
from ipweek.casework.services.intake import submit_case
from ipweek.casework.tests.enforcement.support import GOOD, action_url, inspection_post, inspection_url, wrong_check
from ipweek.reporting.models import ActivityReport

OFFICER_MESSAGE = "At least two officers with enforcement certificate numbers must take part."


MALFORMED_ITEM = {"product": "电动螺丝刀", "quantity": "18", "mark_text": "实用新型专利", "claimed_number": ""}


# --- the list ------------------------------------------------------------------------------------------


def test_list_sends_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("casework:enforcement"))

    assert response.status_code == 302 and "login" in response["Location"]


def test_list_is_a_404_without_casework(client, outsider_wang, action):
    client.force_login(outsider_wang)

    assert client.get(reverse("casework:enforcement")).status_code == 404


def test_list_shows_the_offices_actions_with_totals(client, caseworker, inspection):
    client.force_login(caseworker)

    response = client.get(reverse("casework:enforcement"))

    assert response.status_code == 200
    assert f'data-action="{inspection.action_id}"' in response.content.decode()
    assert 'data-total="inspections">1<' in response.content.decode()
    assert 'id="new-action"' in response.content.decode()


def test_list_hides_other_offices_actions(client, stranger_caseworker, action):
    client.force_login(stranger_caseworker)

    response = client.get(reverse("casework:enforcement"))

    assert response.status_code == 200
    assert f'data-action="{action.pk}"' not in response.content.decode()


def test_list_for_a_reader_has_no_create_button(client, admin_zhang, action):
    client.force_login(admin_zhang)

    response = client.get(reverse("casework:enforcement"))

    assert f'data-action="{action.pk}"' in response.content.decode()
    assert 'id="new-action"' not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_do_not_grow(client, caseworker, action, count, django_assert_num_queries):
    for index in range(count):
        copy = SpecialAction.objects.create(office=action.office, name=f"行动{index}", starts_on=action.starts_on)
        Inspection.objects.create(
            action=copy, inspected_at=dt.datetime(2027, 4, 21, tzinfo=dt.UTC), location="市场", market_kind="market",
            party_name="商行", officers=[{"name": "甲", "certificate": "1"}, {"name": "乙", "certificate": "2"}],
        )  # fmt: skip
    client.force_login(caseworker)

    with django_assert_num_queries(8):
        response = client.get(reverse("casework:enforcement"))

    assert response.status_code == 200


# --- actions -------------------------------------------------------------------------------------------


def test_a_caseworker_creates_an_action_linked_to_an_activity(client, caseworker, centre, enforcement_activity):
    client.force_login(caseworker)
    assert client.get(reverse("casework:enforcement_action_new")).status_code == 200

    response = client.post(
        reverse("casework:enforcement_action_new"),
        {"office": centre.pk, "name": "春季专项行动", "starts_on": "2027-04-20", "ends_on": "2027-04-26",
         "legal_basis": "专利法第六十八条", "campaign": "", "activity": enforcement_activity.pk},
    )  # fmt: skip

    created = SpecialAction.objects.get(name="春季专项行动")
    assert response.status_code == 302 and response["Location"] == action_url(created)
    assert (created.office, created.campaign, created.activity) == (
        centre,
        enforcement_activity.campaign,
        enforcement_activity,
    )


def test_an_action_ending_before_it_starts_is_refused_and_kept(client, caseworker, centre):
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:enforcement_action_new"),
        {"office": centre.pk, "name": "倒序行动", "starts_on": "2027-04-26", "ends_on": "2027-04-20"},
    )

    assert response.status_code == 400
    assert "倒序行动" in response.content.decode()
    assert not SpecialAction.objects.exists()


def test_readers_and_strangers_cannot_create_actions(client, admin_zhang, stranger_caseworker, centre):
    client.force_login(admin_zhang)
    assert client.get(reverse("casework:enforcement_action_new")).status_code == 404

    client.force_login(stranger_caseworker)
    response = client.post(
        reverse("casework:enforcement_action_new"), {"office": centre.pk, "name": "越权", "starts_on": "2027-04-20"}
    )

    assert response.status_code == 400  # the centre is not among the offices offered
    assert not SpecialAction.objects.exists()


def test_action_page_shows_totals_and_inspections_to_its_caseworker(client, caseworker, inspection):
    client.force_login(caseworker)

    response = client.get(action_url(inspection.action))

    body = response.content.decode()
    assert response.status_code == 200
    assert f'data-inspection="{inspection.pk}"' in body
    assert 'id="new-inspection"' in body and 'id="push-totals"' in body


def test_action_page_is_read_only_for_office_staff(client, admin_zhang, inspection):
    client.force_login(admin_zhang)

    response = client.get(action_url(inspection.action))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="new-inspection"' not in body and 'id="push-totals"' not in body
    assert client.get(action_url(inspection.action, "enforcement_action_edit")).status_code == 404


@pytest.mark.parametrize("name", ["enforcement_action", "enforcement_action_edit", "enforcement_inspection_new"])
def test_action_pages_are_404_for_other_offices_and_outsiders(client, stranger_caseworker, outsider_wang, action, name):
    for user in (stranger_caseworker, outsider_wang):
        client.force_login(user)
        assert client.get(action_url(action, name)).status_code == 404


def test_action_pages_send_anonymous_visitors_to_log_in(client, action):
    response = client.get(action_url(action))

    assert response.status_code == 302 and "login" in response["Location"]


def test_a_caseworker_edits_an_action(client, caseworker, action):
    client.force_login(caseworker)

    response = client.post(
        action_url(action, "enforcement_action_edit"),
        {"name": "改名后的行动", "starts_on": "2027-04-20", "activity": action.activity_id},
    )

    action.refresh_from_db()
    assert response.status_code == 302 and action.name == "改名后的行动"


# --- pushing totals ------------------------------------------------------------------------------------


def test_push_writes_the_totals_and_says_so(client, caseworker, inspection):
    client.force_login(caseworker)

    response = client.post(action_url(inspection.action, "enforcement_push"))

    assert response.status_code == 302
    report = ActivityReport.objects.get(activity=inspection.action.activity, kind="closing")
    assert report.figures.get(metric="inspections").value == 1
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["success"]


def test_push_into_a_submitted_report_warns_and_changes_nothing(client, caseworker, inspection, campaign):
    report = ActivityReport.objects.create(
        activity=inspection.action.activity, unit=campaign.organiser, kind="closing", title="总结", status="approved"
    )
    client.force_login(caseworker)

    response = client.post(action_url(inspection.action, "enforcement_push"))
    page = client.get(action_url(inspection.action)).content.decode()

    assert not report.figures.exists()
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["warning"]
    assert 'data-report-status="approved"' in page and 'id="push-totals"' not in page


def test_push_is_refused_to_readers_and_needs_post(client, admin_zhang, caseworker, inspection):
    client.force_login(admin_zhang)
    assert client.post(action_url(inspection.action, "enforcement_push")).status_code == 404

    client.force_login(caseworker)
    assert client.get(action_url(inspection.action, "enforcement_push")).status_code == 405
    assert not ActivityReport.objects.exists()


def test_push_needs_the_csrf_token(caseworker, inspection):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(caseworker)

    response = browser.post(action_url(inspection.action, "enforcement_push"))

    assert response.status_code == 403
    assert not ActivityReport.objects.exists()


# --- inspections ---------------------------------------------------------------------------------------


def test_a_caseworker_records_an_inspection_and_a_malformed_number_is_explained(client, caseworker, action):
    bad_number = wrong_check("202019234567")
    items = [
        {"product": "电动螺丝刀", "quantity": "18", "mark_text": f"发明专利 {bad_number}", "claimed_type": "invention"},
        {"product": "记忆棉枕头", "quantity": "40", "mark_text": f"实用新型专利 {GOOD}", "known_status": "valid"},
    ]
    client.force_login(caseworker)
    assert client.get(action_url(action, "enforcement_inspection_new")).status_code == 200

    response = client.post(action_url(action, "enforcement_inspection_new"), inspection_post(items=items))

    saved = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == inspection_url(saved)
    assert list(saved.items.order_by("pk").values_list("verification", "suspected_counterfeit")) == [
        ("malformed", True),
        ("valid", False),
    ]
    assert [officer["certificate"] for officer in saved.officers] == ["ZF-100", "ZF-101"]
    page = client.get(inspection_url(saved)).content.decode()
    assert 'data-problem="check_wrong" data-part="check"' in page
    assert "沈一帆" in page  # the handler sees the person in charge


def test_saving_an_inspection_pushes_the_totals_into_the_activity_report(client, caseworker, action):
    client.force_login(caseworker)

    client.post(action_url(action, "enforcement_inspection_new"), inspection_post())

    report = ActivityReport.objects.get(activity=action.activity, kind="closing")
    assert report.figures.get(metric="officers").value == 2


def test_one_officer_is_refused_with_the_message_and_the_typing_is_kept(client, caseworker, action):
    client.force_login(caseworker)

    response = client.post(
        action_url(action, "enforcement_inspection_new"), inspection_post(officers=1, items=[MALFORMED_ITEM])
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="officers"' in body
    with translation.override("zh-hans"):
        assert gettext(OFFICER_MESSAGE) in body
    assert "示例五金电器经营部" in body and "电动螺丝刀" in body
    assert not Inspection.objects.exists() and not InspectionItem.objects.exists()


def test_missing_fields_and_a_bad_credit_code_are_named(client, caseworker, action):
    client.force_login(caseworker)

    response = client.post(
        action_url(action, "enforcement_inspection_new"),
        inspection_post(party_name="", party_credit_code="12345", inspected_at=""),
    )

    form = response.context["form"]
    assert response.status_code == 400
    assert {"party_name", "party_credit_code", "inspected_at"} <= set(form.errors)
    assert not Inspection.objects.exists()


def test_a_case_number_of_another_office_is_refused_without_saying_it_exists(client, caseworker, action, campaign):
    other = submit_case(office=campaign.organiser, kind="consultation", channel="web", data={"subject": "咨询"}).case
    client.force_login(caseworker)

    known = client.post(action_url(action, "enforcement_inspection_new"), inspection_post(case_number=other.number))
    unknown = client.post(
        action_url(action, "enforcement_inspection_new"), inspection_post(case_number="JB2027-000000-99999")
    )

    assert known.status_code == unknown.status_code == 400
    assert known.context["form"].errors["case_number"] == unknown.context["form"].errors["case_number"]
    assert not Inspection.objects.exists()


def test_a_case_of_the_office_is_linked(client, caseworker, action, centre):
    case = submit_case(office=centre, kind="consultation", channel="web", data={"subject": "线索"}).case
    client.force_login(caseworker)

    client.post(
        action_url(action, "enforcement_inspection_new"),
        inspection_post(case_number=case.number.lower(), outcome="case_opened"),
    )

    assert Inspection.objects.get().case == case


def test_inspection_page_masks_the_person_in_charge_for_readers(client, admin_zhang, inspection):
    client.force_login(admin_zhang)

    response = client.get(inspection_url(inspection))

    body = response.content.decode()
    assert response.status_code == 200
    assert "陈大明" not in body and "陈**" in body
    assert inspection_url(inspection, "enforcement_inspection_edit") not in body
    assert 'data-verification="malformed"' in body


@pytest.mark.parametrize("name", ["enforcement_inspection", "enforcement_inspection_edit"])
def test_inspection_pages_are_404_for_other_offices_and_outsiders(
    client, stranger_caseworker, outsider_wang, inspection, name
):
    for user in (stranger_caseworker, outsider_wang):
        client.force_login(user)
        assert client.get(inspection_url(inspection, name)).status_code == 404


def test_inspection_edit_is_404_for_readers_and_saves_nothing(client, admin_zhang, inspection):
    client.force_login(admin_zhang)

    response = client.post(inspection_url(inspection, "enforcement_inspection_edit"), inspection_post())

    assert response.status_code == 404
    assert Inspection.objects.get().party_name == "示例家纺商行"


def test_a_caseworker_edits_an_inspection_and_drops_an_item(client, caseworker, inspection):
    good, bad = inspection.items.order_by("pk")
    client.force_login(caseworker)
    page = client.get(inspection_url(inspection, "enforcement_inspection_edit"))
    assert page.status_code == 200
    data = inspection_post(**{"items-TOTAL_FORMS": "3", "items-INITIAL_FORMS": "2"})
    for index, item in enumerate([good, bad]):
        data.update({
            f"items-{index}-id": str(item.pk), f"items-{index}-product": item.product,
            f"items-{index}-quantity": str(item.quantity), f"items-{index}-mark_text": item.mark_text,
        })  # fmt: skip
    data["items-1-DELETE"] = "on"
    data["items-0-known_status"] = "expired"

    response = client.post(inspection_url(inspection, "enforcement_inspection_edit"), data)

    assert response.status_code == 302
    assert list(InspectionItem.objects.values_list("pk", "verification")) == [(good.pk, "expired")]
    assert Inspection.objects.get().party_name == "示例五金电器经营部"


# --- the number checker --------------------------------------------------------------------------------


def test_number_check_explains_a_mark(client, caseworker):
    client.force_login(caseworker)

    response = client.get(
        reverse("casework:enforcement_check"), {"mark": "中国发明专利 ZL２０１２ ２ ０６８７６３３．０"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-finding="type_mismatch"' in body and 'data-problem="type_mismatch"' in body
    assert "ZL201220687633.0" in body


def test_number_check_is_refused_without_casework(client, outsider_wang):
    assert client.get(reverse("casework:enforcement_check")).status_code == 302
    client.force_login(outsider_wang)

    assert client.get(reverse("casework:enforcement_check"), {"mark": GOOD}).status_code == 404
