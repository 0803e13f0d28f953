"""The case list: only visible offices, masked names, filters, order by deadline, a fixed query count."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ipweek.casework.models import Case
from ipweek.casework.services.workflow import apply_step
from ipweek.casework.tests.cases.support import BEFORE_MAY_DAY, MASKED_PHONE, NAME, PHONE, make_case

LIST = reverse("casework:list")


def listed(response) -> set[str]:
    return {row.case.number for row in response.context["rows"]}


def test_the_list_masks_complainants(client, caseworker, case):
    client.force_login(caseworker)

    response = client.get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-case="{case.number}"' in html
    assert "张**" in html and MASKED_PHONE in html
    assert NAME not in html and PHONE not in html


def test_office_staff_see_the_list_masked(client, admin_zhang, case):
    client.force_login(admin_zhang)

    response = client.get(LIST)

    assert listed(response) == {case.number}
    assert PHONE not in response.content.decode()
    assert 'href="/casework/cases/new/"' not in response.content.decode()


def test_other_offices_cases_are_not_listed(client, other_caseworker, case, other_office):
    mine = make_case(other_office)
    client.force_login(other_caseworker)

    response = client.get(LIST)

    assert listed(response) == {mine.number}


def test_the_list_is_refused_to_outsiders(client, outsider_wang, case):
    client.force_login(outsider_wang)

    assert client.get(LIST).status_code == 404


def test_cases_are_ordered_by_deadline(client, caseworker, office):
    late = make_case(office, received_at=BEFORE_MAY_DAY)
    consultation = make_case(office, kind="consultation")
    complaint = make_case(office)
    client.force_login(caseworker)

    response = client.get(LIST)

    numbers = [row.case.number for row in response.context["rows"]]
    assert numbers[0] == late.number
    assert numbers.index(consultation.number) < numbers.index(complaint.number)  # 5 before 7 working days


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=assigned", {"accepted"}),
        ("kind=consultation", {"consultation"}),
        ("ip_type=design", {"design"}),
        ("due=overdue", {"late"}),
        ("handler=mine", {"accepted"}),
        ("handler=none", {"late", "consultation", "design"}),
        ("q=外观", {"design"}),
        ("status=nonsense", {"late", "consultation", "design", "accepted"}),
    ],
)
def test_filters(client, caseworker, office, query, expected):
    cases = {
        "late": make_case(office, received_at=BEFORE_MAY_DAY),
        "consultation": make_case(office, kind="consultation", subject="咨询专利申请"),
        "design": make_case(office, ip_type="design", subject="外观设计侵权"),
        "accepted": make_case(office),
    }
    apply_step(case=cases["accepted"], step_name="accept", actor=caseworker)
    apply_step(case=cases["accepted"], step_name="assign", actor=caseworker, handler=caseworker)
    client.force_login(caseworker)

    response = client.get(f"{LIST}?{query}")

    assert response.status_code == 200
    assert listed(response) == {cases[name].number for name in expected}


def test_due_soon_filter(client, caseworker, office):
    soon = make_case(office)
    later = make_case(office)
    Case.objects.filter(pk=soon.pk).update(due_date=timezone.localdate())
    client.force_login(caseworker)

    response = client.get(f"{LIST}?due=soon")

    assert listed(response) == {soon.number}
    assert later.number not in response.content.decode()


def test_search_by_number(client, caseworker, office):
    wanted, _other = make_case(office), make_case(office)
    client.force_login(caseworker)

    response = client.get(f"{LIST}?q={wanted.number[-5:]}")

    assert listed(response) == {wanted.number}


def test_the_list_is_paginated_and_keeps_filters(client, caseworker, office, settings):
    for _ in range(27):
        make_case(office, kind="consultation")
    client.force_login(caseworker)

    first = client.get(f"{LIST}?kind=consultation")
    second = client.get(f"{LIST}?kind=consultation&page=2")

    assert len(first.context["rows"]) == 25 and len(second.context["rows"]) == 2
    assert "kind=consultation&amp;page=2" in first.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_case_list_queries_do_not_grow(client, caseworker, office, count, django_assert_num_queries):
    for n in range(count):
        case = make_case(office, received_at=timezone.now() - dt.timedelta(days=n))
        apply_step(case=case, step_name="accept", actor=caseworker)
        apply_step(case=case, step_name="assign", actor=caseworker, handler=caseworker)
    client.force_login(caseworker)
    client.get(LIST)  # warms the holiday cache, as a running server has

    with django_assert_num_queries(7):
        response = client.get(f"{LIST}?handler=mine")

    assert len(response.context["rows"]) == count
