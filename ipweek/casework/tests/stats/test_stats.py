"""Statistics: numbers for a small fixture (working days across the 2026 May Day holiday), page, XLSX, access."""

import datetime as dt
import uuid
from io import BytesIO
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ipweek.casework.models import DeskEntry
from ipweek.casework.permissions import casework_access
from ipweek.casework.services.stats import Period, case_statistics
from ipweek.casework.tests.stats.support import NAME, PHONE, at, decide, make_case

MAY = Period(dt.date(2026, 4, 20), dt.date(2026, 5, 15))
MAY_QUERY = {"date_from": "2026-04-20", "date_to": "2026-05-15"}


@pytest.fixture(autouse=True)
def console_gateway(settings):
    settings.IPWEEK_SMS_BACKEND = "console"


def desk_entry(activity, unit, day, *, topic="infringement", outcome="answered", contact=""):
    return DeskEntry.objects.create(
        activity=activity, unit=unit, client_key=uuid.uuid4().hex, topic=topic, ip_type="design",
        outcome=outcome, contact=contact, recorded_at=at(day),
    )  # fmt: skip


@pytest.fixture
def may_cases(office, handler, other_office, activity_of_a):
    """Three decided cases around May Day 2026, one open, one after the period, one of another office."""
    complaint = make_case(office, received=at(dt.date(2026, 4, 28)))
    # 29, 30 Apr, 6, 7, 8, 9 (a Saturday worked), 11 May: seven working days — just within the 7 allowed.
    decide(complaint, handler, decided=at(dt.date(2026, 5, 11)))
    late = make_case(office, received=at(dt.date(2026, 4, 28)), channel="hotline", ip_type="design")
    decide(late, handler, outcome="not_established", decided=at(dt.date(2026, 5, 12)))  # eight: too late
    question = make_case(office, kind="consultation", received=at(dt.date(2026, 4, 30)), channel="desk")
    decide(question, handler, outcome="answered", decided=at(dt.date(2026, 5, 6)))  # one working day
    make_case(office, received=at(dt.date(2026, 5, 7)))
    make_case(office, received=at(dt.date(2026, 6, 1)))
    make_case(other_office, received=at(dt.date(2026, 5, 7)))
    desk_entry(activity_of_a, office, dt.date(2026, 4, 29))
    desk_entry(activity_of_a, office, dt.date(2026, 5, 8), topic="application", outcome="case_opened")
    desk_entry(activity_of_a, office, dt.date(2026, 6, 2))
    desk_entry(activity_of_a, other_office, dt.date(2026, 5, 8))


def counts(rows):
    return {row.key: row.count for row in rows if row.count}


def test_statistics_count_each_breakdown_for_the_period(may_cases, handler):
    stats = case_statistics(casework_access(handler), MAY)

    assert stats.total == 4
    assert counts(stats.by_kind) == {"complaint": 3, "consultation": 1}
    assert counts(stats.by_channel) == {"web": 2, "hotline": 1, "desk": 1}
    assert counts(stats.by_ip_type) == {"utility_model": 2, "design": 2}
    assert counts(stats.by_status) == {"decided": 3, "received": 1}
    assert counts(stats.by_outcome) == {"mediated": 1, "not_established": 1, "answered": 1, "none": 1}
    assert stats.desk_total == 2
    assert counts(stats.desk_by_topic) == {"infringement": 1, "application": 1}
    assert counts(stats.desk_by_outcome) == {"answered": 1, "case_opened": 1}


def test_time_to_decision_counts_working_days_across_may_day(may_cases, handler):
    stats = case_statistics(casework_access(handler), MAY)

    complaint = next(times for times in stats.decisions_by_kind if times.key == "complaint")
    assert (stats.decisions.decided, stats.decisions.median, stats.decisions.mean) == (3, 7.0, 5.3)
    assert stats.decisions.within_limit == 2
    assert (complaint.decided, complaint.median, complaint.within_limit) == (2, 7.5, 1)


def test_statistics_of_one_office_and_of_offices_out_of_reach(may_cases, handler, office, other_office):
    access = casework_access(handler)

    assert case_statistics(access, MAY, office.pk).total == 4
    assert case_statistics(access, MAY, other_office.pk).total == 0
    assert case_statistics(access, MAY, other_office.pk).office_names == []


def test_the_reader_sees_the_same_numbers(may_cases, admin_zhang):
    stats = case_statistics(casework_access(admin_zhang), MAY)

    assert (stats.total, stats.desk_total) == (4, 2)


def test_stats_page_shows_the_numbers_and_no_personal_data(client, may_cases, handler):
    client.force_login(handler)

    response = client.get(reverse("casework:stats"), MAY_QUERY)

    assert response.status_code == 200
    assert response.context["stats"].total == 4
    html = response.content.decode()
    assert 'data-total="4"' in html and 'data-desk-total="2"' in html
    assert NAME not in html and PHONE not in html


def test_stats_page_takes_a_campaign_week(client, campaign, office, handler):
    make_case(office, received=at(dt.date(2027, 4, 21)))
    make_case(office, received=at(dt.date(2027, 4, 27)))
    client.force_login(handler)

    response = client.get(reverse("casework:stats"), {"campaign": campaign.pk})

    stats = response.context["stats"]
    assert (stats.period.start, stats.period.end, stats.total) == (campaign.start_date, campaign.end_date, 1)


def test_stats_page_without_a_choice_shows_a_default_period(client, handler):
    client.force_login(handler)

    response = client.get(reverse("casework:stats"))

    assert response.status_code == 200
    assert response.context["stats"].period.end >= response.context["stats"].period.start


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "2026-05-01"},
        {"date_from": "2026-05-10", "date_to": "2026-05-01"},
        {"date_from": "2026-13-40", "date_to": "2026-05-01"},
        {"date_from": "1990-01-01", "date_to": "2026-05-01"},
        {"campaign": "999999"},
    ],
)
def test_stats_page_explains_a_wrong_period(client, handler, query):
    client.force_login(handler)

    response = client.get(reverse("casework:stats"), query)

    assert response.status_code == 400
    assert response.context["form"].errors
    assert "stats" not in response.context


def test_stats_page_refuses_an_office_of_someone_else(client, may_cases, other_handler, office):
    client.force_login(other_handler)

    response = client.get(reverse("casework:stats"), {**MAY_QUERY, "office": office.pk})

    assert response.status_code == 400
    assert "office" in response.context["form"].errors


def test_stats_page_of_another_office_counts_only_its_own(client, may_cases, other_handler):
    client.force_login(other_handler)

    response = client.get(reverse("casework:stats"), MAY_QUERY)

    assert (response.context["stats"].total, response.context["stats"].desk_total) == (1, 1)


def test_stats_are_hidden_from_people_without_casework(client, outsider_wang):
    client.force_login(outsider_wang)

    assert client.get(reverse("casework:stats")).status_code == 404
    assert client.get(reverse("casework:stats_xlsx")).status_code == 404


@pytest.mark.parametrize("name", ["casework:stats", "casework:stats_xlsx"])
def test_stats_send_anonymous_visitors_to_sign_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("extra", [1, 3])
def test_stats_page_queries_do_not_grow(client, handler, office, extra, django_assert_num_queries):
    for day in range(extra):
        case = make_case(office, received=at(dt.date(2026, 5, 6 + day)))
        decide(case, handler, decided=at(dt.date(2026, 5, 12)))
    client.force_login(handler)

    with django_assert_num_queries(10):
        response = client.get(reverse("casework:stats"), MAY_QUERY)

    assert response.context["stats"].total == extra


def test_stats_workbook_has_a_cover_and_a_sheet_per_breakdown(client, may_cases, handler):
    client.force_login(handler)

    response = client.get(reverse("casework:stats_xlsx"), MAY_QUERY)

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "filename*=UTF-8''" in disposition
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "案件统计-20260420至20260515.xlsx"
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames[0] == "说明"
    assert {"按类型", "按渠道", "按知识产权类型", "按处理结果", "办理用时", "咨询台-按主题"} <= set(book.sheetnames)
    cover = {row[0]: row[1] for row in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert cover["统计期间"] == "2026年4月20日至2026年5月15日"
    assert cover["案件总数"] == 4
    kinds = {row[0]: row[1] for row in book["按类型"].iter_rows(min_row=2, values_only=True)}
    assert kinds["合计"] == 4
    cells = " ".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v)
    assert NAME not in cells and PHONE not in cells


def test_stats_workbook_refuses_a_wrong_period(client, handler):
    client.force_login(handler)

    response = client.get(reverse("casework:stats_xlsx"), {"date_from": "2026-05-01"})

    assert response.status_code == 400
