"""The enforcement log's services: verifying marks, officers and saving all or nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ipweek.casework import patent_wording
from ipweek.casework.models import Inspection, InspectionItem
from ipweek.casework.services import enforcement as services
from ipweek.casework.services.intake import submit_case
from ipweek.casework.tests.enforcement.support import GOOD, OFFICERS, inspection_data
from ipweek.core.models import AuditEvent

V = InspectionItem.Verification


def verify(mark, claimed_type="", number="", known=""):
    return services.verify_item(mark_text=mark, claimed_type=claimed_type, claimed_number=number, known_status=known)


def test_a_matching_mark_is_unknown_until_the_officer_looks_it_up():
    assert verify(f"实用新型专利 {GOOD}").status == V.UNKNOWN
    looked_up = verify(f"实用新型专利 {GOOD}", known="expired")
    assert (looked_up.status, looked_up.is_suspect) == (V.EXPIRED, True)
    assert verify(f"实用新型专利 {GOOD}", known="valid").is_suspect is False


def test_what_the_number_shows_wins_over_the_status_looked_up():
    result = verify(f"发明专利 {GOOD}", known="valid")

    assert (result.status, result.is_suspect) == (V.TYPE_MISMATCH, True)


def test_a_malformed_number_is_explained_by_the_part_that_is_wrong():
    result = verify("实用新型专利", number="ZL201220687633.5")

    assert (result.status, result.is_suspect) == (V.MALFORMED, True)
    assert [(problem.code, problem.part) for problem in result.check.problems] == [("check_wrong", "check")]
    with translation.override("en"):
        text = patent_wording.describe_mark(result.check)
    assert text == ["The check character after the dot is “5”, but for these digits it must be “0”: "
                    "a digit is wrong or the number is made up."]  # fmt: skip


def test_the_application_wording_is_only_an_application():
    result = verify("发明专利申请 申请号 201710601862.3")

    assert (result.status, result.is_suspect) == (V.APPLICATION_ONLY, False)


def test_no_mark_means_nothing_to_verify():
    result = verify("", known="valid")

    assert (result.status, result.is_suspect, result.note) == (V.UNKNOWN, False, "")


def test_fewer_than_two_officers_are_refused():
    with pytest.raises(ValidationError) as caught:
        services.clean_officers([{"name": "吴某", "certificate": "ZF-001"}, {"name": "", "certificate": ""}])

    assert list(caught.value.message_dict) == ["officers"]


def test_an_officer_without_a_certificate_or_a_repeated_certificate_is_refused():
    with pytest.raises(ValidationError):
        services.clean_officers([*OFFICERS, {"name": "冯某", "certificate": ""}])
    with pytest.raises(ValidationError):
        services.clean_officers([*OFFICERS, {"name": "冯某", "certificate": "zf-001"}])


def test_an_inspection_is_saved_with_verified_items_and_audited(inspection):
    items = list(inspection.items.order_by("pk"))

    assert [item.verification for item in items] == [V.UNKNOWN, V.MALFORMED]
    assert [item.suspected_counterfeit for item in items] == [False, True]
    assert items[1].verification_note
    event = AuditEvent.objects.get(action="enforcement.inspection_created")
    assert "陈大明" not in str(event.data)


def test_an_inspection_with_one_officer_saves_nothing(action, caseworker):
    with pytest.raises(ValidationError):
        services.save_inspection(
            action=action,
            data=inspection_data(),
            officers=OFFICERS[:1],
            items=[services.ItemInput(product="枕头", mark_text=GOOD)],
            case=None,
            actor=caseworker,
        )

    assert not Inspection.objects.exists() and not InspectionItem.objects.exists()


def test_a_case_of_another_office_cannot_be_linked(action, caseworker, campaign):
    case = submit_case(office=campaign.organiser, kind="consultation", channel="web", data={"subject": "咨询"}).case

    with pytest.raises(ValidationError) as caught:
        services.save_inspection(
            action=action, data=inspection_data(), officers=OFFICERS, items=[], case=case, actor=caseworker
        )

    assert "case_number" in caught.value.message_dict
    assert not Inspection.objects.exists()


def test_editing_changes_deletes_and_reverifies_items(inspection, caseworker):
    good, bad = inspection.items.order_by("pk")

    services.save_inspection(
        action=inspection.action,
        data={"outcome": "correct_marking"},
        officers=OFFICERS,
        items=[
            services.ItemInput(
                product=good.product, mark_text=good.mark_text, known_status="invalidated", item_id=good.pk
            ),
            services.ItemInput(product=bad.product, item_id=bad.pk, delete=True),
        ],
        case=None,
        actor=caseworker,
        inspection=inspection,
    )

    good.refresh_from_db()
    assert (good.verification, good.suspected_counterfeit) == (V.INVALIDATED, True)
    assert list(inspection.items.values_list("pk", flat=True)) == [good.pk]
    assert Inspection.objects.get().outcome == "correct_marking"
