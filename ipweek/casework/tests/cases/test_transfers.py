"""Transfers to enforcement bodies: deadlines, receipts, results and telling the complainant of each."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ipweek.casework import deadlines
from ipweek.casework.models import Case, CaseEvent, Notification, Transfer
from ipweek.casework.services.transfers import record_receipt, record_result, transfer_case
from ipweek.casework.services.workflow import apply_step
from ipweek.casework.tests.cases.support import MASKED_PHONE

BODY = "示例市市场监督管理局"


@pytest.fixture
def accepted(case, caseworker) -> Case:
    return apply_step(case=case, step_name="accept", actor=caseworker)


@pytest.fixture
def transfer(accepted, caseworker) -> Transfer:
    return transfer_case(case=accepted, actor=caseworker, body_kind="market_regulation", body_name=BODY)


def told(case: Case) -> list[str]:
    return list(Notification.objects.filter(case=case).values_list("body", flat=True))


def test_a_transfer_sets_both_deadlines_and_tells_the_complainant(accepted, caseworker):
    today = timezone.localdate()

    transfer = transfer_case(
        case=accepted, actor=caseworker, body_kind="market_regulation", body_name=BODY, note="涉嫌假冒专利"
    )

    accepted.refresh_from_db()
    assert accepted.status == Case.Status.TRANSFERRED
    assert transfer.receipt_due == deadlines.due("transfer.receipt", today)
    assert transfer.result_due == deadlines.due("transfer.result", today)
    assert (accepted.due_date, accepted.due_rule) == (transfer.receipt_due, "transfer.receipt")
    event = CaseEvent.objects.get(case=accepted, action="transfer")
    assert (event.from_status, event.to_status) == ("accepted", "transferred") and BODY in event.note
    notification = Notification.objects.filter(case=accepted).latest("pk")
    assert BODY in notification.body and notification.recipient_masked == MASKED_PHONE


def test_a_case_not_yet_accepted_cannot_be_transferred(case, caseworker):
    with pytest.raises(ValidationError):
        transfer_case(case=case, actor=caseworker, body_kind="customs", body_name="示例海关")

    assert not Transfer.objects.exists()


def test_a_transfer_needs_a_known_body_and_a_name(accepted, caseworker):
    with pytest.raises(ValidationError) as kind:
        transfer_case(case=accepted, actor=caseworker, body_kind="army", body_name=BODY)
    with pytest.raises(ValidationError) as name:
        transfer_case(case=accepted, actor=caseworker, body_kind="customs", body_name="  ")

    assert "body_kind" in kind.value.message_dict and "body_name" in name.value.message_dict


def test_only_the_offices_caseworkers_transfer(accepted, other_caseworker, admin_zhang):
    for actor in (other_caseworker, admin_zhang):
        with pytest.raises(PermissionDenied):
            transfer_case(case=accepted, actor=actor, body_kind="customs", body_name="示例海关")


def test_an_accepted_receipt_moves_the_deadline_to_the_result(transfer, caseworker):
    sent = len(told(transfer.case))

    record_receipt(transfer=transfer, actor=caseworker, receipt="accepted")

    transfer.refresh_from_db()
    case = Case.objects.get(pk=transfer.case_id)
    assert transfer.receipt == "accepted" and transfer.receipt_at
    assert (case.due_date, case.due_rule) == (transfer.result_due, "transfer.result")
    assert CaseEvent.objects.filter(case=case, action="transfer_accepted").exists()
    assert len(told(case)) == sent


def test_a_refused_receipt_needs_reasons_and_tells_the_complainant(transfer, caseworker):
    with pytest.raises(ValidationError):
        record_receipt(transfer=transfer, actor=caseworker, receipt="refused", note="")

    record_receipt(transfer=transfer, actor=caseworker, receipt="refused", note="不属于本部门管辖")

    transfer.refresh_from_db()
    assert transfer.result_due is None
    assert "不属于本部门管辖" in told(transfer.case)[-1]
    with pytest.raises(ValidationError):
        record_result(transfer=transfer, actor=caseworker, result="已处理")


def test_the_result_tells_the_complainant_and_then_the_office_decides(transfer, caseworker):
    record_receipt(transfer=transfer, actor=caseworker, receipt="accepted")

    record_result(transfer=transfer, actor=caseworker, result="已立案查处，责令停止销售并罚款。")
    case = apply_step(
        case=Case.objects.get(pk=transfer.case_id), step_name="decide", actor=caseworker, outcome="transferred"
    )

    transfer.refresh_from_db()
    assert transfer.result_at and "罚款" in transfer.result
    assert any("已立案查处" in body and BODY in body for body in told(case))
    assert case.status == Case.Status.DECIDED
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert actions == ["received", "accept", "transfer", "transfer_accepted", "transfer_result", "decide"]


def test_a_result_is_recorded_once(transfer, caseworker):
    record_result(transfer=transfer, actor=caseworker, result="已处理")

    with pytest.raises(ValidationError):
        record_result(transfer=transfer, actor=caseworker, result="再次处理")
    with pytest.raises(ValidationError):
        record_receipt(transfer=transfer, actor=caseworker, receipt="accepted")

    transfer.refresh_from_db()
    assert transfer.receipt == "accepted"  # a result implies the body took the case


def test_a_stale_version_is_refused(accepted, caseworker):
    with pytest.raises(ValidationError):
        transfer_case(case=accepted, actor=caseworker, body_kind="customs", body_name="示例海关", version=1)


# Views


def transfer_url(case: Case) -> str:
    return reverse("casework:transfer", args=[case.number])


def test_the_transfer_form_is_for_handlers(client, caseworker, accepted):
    client.force_login(caseworker)

    response = client.get(transfer_url(accepted))

    assert response.status_code == 200
    assert 'id="transfer-form"' in response.content.decode()


@pytest.mark.parametrize("user", ["admin_zhang", "other_caseworker", "outsider_wang"])
def test_the_transfer_pages_are_404_for_others(client, request, transfer, user):
    client.force_login(request.getfixturevalue(user))
    case = transfer.case

    responses = [
        client.get(transfer_url(case)),
        client.post(transfer_url(case), {"version": case.version, "body_kind": "customs", "body_name": "海关"}),
        client.post(reverse("casework:transfer_receipt", args=[case.number, transfer.pk]), {}),
        client.post(reverse("casework:transfer_result", args=[case.number, transfer.pk]), {}),
    ]

    assert [r.status_code for r in responses] == [404] * 4
    assert Transfer.objects.count() == 1
    transfer.refresh_from_db()
    assert transfer.receipt == "" and transfer.result == ""


def test_transfer_through_the_form(client, caseworker, accepted):
    client.force_login(caseworker)
    data = {"version": accepted.version, "body_kind": "market_regulation", "body_name": BODY, "note": ""}

    response = client.post(transfer_url(accepted), data)

    accepted.refresh_from_db()
    assert response.status_code == 302
    assert accepted.status == Case.Status.TRANSFERRED and accepted.transfers.get().body_name == BODY


def test_a_bad_transfer_form_says_why_and_keeps_the_input(client, caseworker, accepted):
    client.force_login(caseworker)

    response = client.post(
        transfer_url(accepted), {"version": accepted.version, "body_kind": "customs", "body_name": ""}
    )
    stale = client.post(transfer_url(accepted), {"version": 99, "body_kind": "customs", "body_name": "示例海关"})

    assert response.status_code == 400 and "body_name" in response.context["form"].errors
    assert 'value="customs" selected' in response.content.decode()
    assert stale.status_code == 409
    assert not Transfer.objects.exists()


def test_receipt_and_result_through_the_detail_page(client, caseworker, transfer):
    case = transfer.case
    client.force_login(caseworker)
    page = client.get(reverse("casework:detail", args=[case.number])).content.decode()

    receipt = client.post(
        reverse("casework:transfer_receipt", args=[case.number, transfer.pk]),
        {f"receipt-{transfer.pk}-receipt": "accepted"},
    )
    result = client.post(
        reverse("casework:transfer_result", args=[case.number, transfer.pk]),
        {f"result-{transfer.pk}-result": "已责令整改"},
    )

    transfer.refresh_from_db()
    assert f'id="receipt-form-{transfer.pk}"' in page and f'id="result-form-{transfer.pk}"' in page
    assert (receipt.status_code, result.status_code) == (302, 302)
    assert (transfer.receipt, transfer.result) == ("accepted", "已责令整改")
    assert Notification.objects.filter(case=case, body__contains="已责令整改").exists()


def test_an_empty_result_is_refused_on_the_detail_page(client, caseworker, transfer):
    case = transfer.case
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:transfer_result", args=[case.number, transfer.pk]), {f"result-{transfer.pk}-result": " "}
    )

    transfer.refresh_from_db()
    assert response.status_code == 400
    assert f'id="result-form-{transfer.pk}"' in response.content.decode()
    assert transfer.result == ""


def test_a_transfer_of_another_case_is_not_reachable_through_this_one(client, caseworker, transfer, office):
    from ipweek.casework.tests.cases.support import make_case

    other = make_case(office)
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:transfer_result", args=[other.number, transfer.pk]), {f"result-{transfer.pk}-result": "x"}
    )

    assert response.status_code == 404
