"""Due-soon and overdue lists in working days, per office and per handler, and the dashboard built on them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ipweek.casework.models import Case, Transfer
from ipweek.casework.permissions import casework_access
from ipweek.casework.presenters import due_info
from ipweek.casework.services import queues
from ipweek.casework.services.transfers import transfer_case
from ipweek.casework.services.workflow import apply_step
from ipweek.casework.tests.cases.support import BEFORE_MAY_DAY, PHONE, make_case
from ipweek.core.models import Holiday

DUE = dt.date(2026, 5, 11)  # received 28 April 2026: 29, 30 Apr, 6, 7, 8, 9 (make-up Saturday), 11 May


@pytest.fixture
def may_case(office) -> Case:
    return make_case(office, received_at=BEFORE_MAY_DAY)


def numbers(cases) -> set[str]:
    return {case.number for case in cases}


def test_a_complaint_received_before_may_day_is_due_on_11_may(may_case):
    assert may_case.due_date == DUE


@pytest.mark.parametrize(
    ("today", "soon", "late"),
    [
        (dt.date(2026, 4, 30), False, False),  # the holiday does not count: 6 working days left
        (dt.date(2026, 5, 5), False, False),  # last day of the holiday: still 5 working days
        (dt.date(2026, 5, 7), False, False),  # 8, 9, 11 May: 3 working days
        (dt.date(2026, 5, 8), True, False),  # 9 (make-up Saturday) and 11 May: 2 working days
        (dt.date(2026, 5, 10), True, False),  # a Sunday, 1 working day before the deadline
        (dt.date(2026, 5, 11), True, False),  # due today
        (dt.date(2026, 5, 12), False, True),
    ],
)
def test_due_soon_and_overdue_across_may_day(caseworker, may_case, today, soon, late):
    access = casework_access(caseworker)

    assert (may_case in queues.due_soon(access, today=today)) is soon
    assert (may_case in queues.overdue(access, today=today)) is late


def test_working_days_left_skip_the_holiday_and_count_the_make_up_day(db):
    assert due_info(DUE, dt.date(2026, 4, 30)).days_left == 5
    assert due_info(DUE, dt.date(2026, 5, 8)).state == "soon"
    assert due_info(DUE, dt.date(2026, 5, 13)).days_late == 2
    assert due_info(DUE, dt.date(2026, 5, 12)).state == "overdue"


def test_a_holiday_row_moves_the_deadline_window(caseworker, may_case):
    Holiday.objects.create(date=dt.date(2026, 5, 9), kind=Holiday.Kind.HOLIDAY, name="测试：取消调休")
    access = casework_access(caseworker)

    assert may_case not in queues.due_soon(access, today=dt.date(2026, 5, 6))
    assert may_case in queues.due_soon(access, today=dt.date(2026, 5, 7))


def test_closed_cases_are_never_overdue(caseworker, may_case):
    apply_step(case=may_case, step_name="refuse", actor=caseworker, note="不属于受理范围")

    assert not queues.overdue(casework_access(caseworker), today=dt.date(2026, 6, 1)).exists()


def test_queues_per_handler(caseworker, second_caseworker, office):
    mine, theirs, nobodys = (make_case(office, received_at=BEFORE_MAY_DAY) for _ in range(3))
    for case, handler in ((mine, caseworker), (theirs, second_caseworker)):
        apply_step(case=case, step_name="accept", actor=caseworker)
        apply_step(case=case, step_name="assign", actor=caseworker, handler=handler)
    Case.objects.filter(pk__in=[mine.pk, theirs.pk]).update(due_date=dt.date(2026, 5, 11))
    access = casework_access(caseworker)
    today = dt.date(2026, 5, 12)

    overdue_mine = queues.overdue(access, today=today, handler=caseworker)
    counts = {count.key: count for count in queues.counts_per_handler(access, today=today)}

    assert numbers(overdue_mine) == {mine.number}
    assert (counts[caseworker.pk].open, counts[caseworker.pk].overdue, counts[caseworker.pk].name) == (1, 1, "吴专员")
    assert counts[None].overdue == 1 and counts[second_caseworker.pk].overdue == 1
    assert nobodys.number in numbers(queues.overdue(access, today=today))


def test_queues_per_office_show_only_visible_offices(caseworker, other_caseworker, office, other_office):
    make_case(office, received_at=BEFORE_MAY_DAY)
    make_case(other_office, received_at=BEFORE_MAY_DAY)
    today = dt.date(2026, 5, 8)

    counts = queues.counts_per_office(casework_access(caseworker), today=today)
    statuses = queues.status_counts(casework_access(caseworker))

    assert [(c.key, c.open, c.due_soon, c.overdue) for c in counts] == [(office.pk, 1, 1, 0)]
    assert statuses == {office.pk: {"received": 1}}
    assert numbers(queues.overdue(casework_access(other_caseworker), today=dt.date(2026, 6, 1))) != set()
    assert len(queues.overdue(casework_access(other_caseworker), today=dt.date(2026, 6, 1))) == 1


def test_transfers_with_an_overdue_answer(caseworker, office):
    case = make_case(office)
    apply_step(case=case, step_name="accept", actor=caseworker)
    transfer = transfer_case(case=case, actor=caseworker, body_kind="customs", body_name="示例海关")
    access = casework_access(caseworker)
    receipt_late = transfer.receipt_due + dt.timedelta(days=1)

    assert not queues.overdue_transfers(access, today=transfer.receipt_due).exists()
    assert list(queues.overdue_transfers(access, today=receipt_late)) == [transfer]
    Transfer.objects.filter(pk=transfer.pk).update(receipt="accepted")
    assert not queues.overdue_transfers(access, today=receipt_late).exists()
    assert list(queues.overdue_transfers(access, today=transfer.result_due + dt.timedelta(days=1))) == [transfer]


# The dashboard

HOME = reverse("casework:home")


def test_the_dashboard_lists_overdue_and_due_soon_cases_masked(client, caseworker, office):
    late = make_case(office, received_at=BEFORE_MAY_DAY)
    soon = make_case(office)
    Case.objects.filter(pk=soon.pk).update(due_date=timezone.localdate())
    client.force_login(caseworker)

    response = client.get(HOME)

    html = response.content.decode()
    queue = response.context["offices"][0]
    assert response.status_code == 200
    assert [row.case for row in queue.overdue] == [late] and [row.case for row in queue.due_soon] == [soon]
    assert (queue.counts.open, queue.counts.overdue, queue.counts.due_soon) == (2, 1, 1)
    assert f'id="office-{office.pk}-overdue"' in html and 'data-due-state="overdue"' in html
    assert "张**" in html and PHONE not in html
    assert 'href="/casework/cases/new/"' in html


def test_the_dashboard_shows_my_cases(client, caseworker, second_caseworker, office):
    mine, theirs = make_case(office, received_at=BEFORE_MAY_DAY), make_case(office, received_at=BEFORE_MAY_DAY)
    for case, handler in ((mine, caseworker), (theirs, second_caseworker)):
        apply_step(case=case, step_name="accept", actor=caseworker)
        apply_step(case=case, step_name="assign", actor=caseworker, handler=handler)
    Case.objects.filter(pk__in=[mine.pk, theirs.pk]).update(due_date=dt.date(2026, 5, 11))
    client.force_login(caseworker)

    response = client.get(HOME)

    assert [row.case for row in response.context["mine"]["overdue"]] == [mine]
    assert 'id="mine-overdue"' in response.content.decode()


def test_the_dashboard_lists_late_transfers(client, caseworker, office):
    case = make_case(office)
    apply_step(case=case, step_name="accept", actor=caseworker)
    transfer = transfer_case(case=case, actor=caseworker, body_kind="customs", body_name="示例海关")
    Transfer.objects.filter(pk=transfer.pk).update(receipt_due=dt.date(2026, 5, 11))
    client.force_login(caseworker)

    response = client.get(HOME)

    assert f'data-transfer="{transfer.pk}"' in response.content.decode()


def test_office_staff_see_the_dashboard_without_my_cases(client, admin_zhang, office):
    make_case(office, received_at=BEFORE_MAY_DAY)
    client.force_login(admin_zhang)

    response = client.get(HOME)

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["mine"] is None and 'id="mine"' not in html
    assert 'href="/casework/cases/new/"' not in html
    assert "张**" in html and PHONE not in html


def test_the_dashboard_is_refused_to_others(client, outsider_wang):
    client.force_login(outsider_wang)

    assert client.get(HOME).status_code == 404


def test_the_dashboard_sends_anonymous_visitors_to_log_in(client):
    response = client.get(HOME)

    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_another_offices_caseworker_sees_nothing_of_this_office(client, other_caseworker, office):
    case = make_case(office, received_at=BEFORE_MAY_DAY)
    client.force_login(other_caseworker)

    response = client.get(HOME)

    assert case.number not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_queries_do_not_grow(client, caseworker, office, count, django_assert_num_queries):
    for _ in range(count):
        case = make_case(office, received_at=BEFORE_MAY_DAY)
        apply_step(case=case, step_name="accept", actor=caseworker)
        apply_step(case=case, step_name="assign", actor=caseworker, handler=caseworker)
        Case.objects.filter(pk=case.pk).update(due_date=dt.date(2026, 5, 11))
        transfer = make_case(office)
        apply_step(case=transfer, step_name="accept", actor=caseworker)
        transfer_case(case=transfer, actor=caseworker, body_kind="customs", body_name="示例海关")
    Transfer.objects.update(receipt_due=dt.date(2026, 5, 11))
    client.force_login(caseworker)
    client.get(HOME)  # warms the holiday cache, as a running server has

    with django_assert_num_queries(13):
        response = client.get(HOME)

    assert len(response.context["mine"]["overdue"]) == count
    assert len(response.context["late_transfers"]) == count
