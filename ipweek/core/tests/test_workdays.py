"""Working days across real holiday periods, with make-up working days (调休), and the Holiday table."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipweek.core.models import Holiday
from ipweek.core.workdays import add_working_days, is_covered, is_working_day, working_days_between

D = dt.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # May Day 2025: 1–5 May off, Sunday 27 April worked.
        (D(2025, 4, 25), 1, D(2025, 4, 27)),
        (D(2025, 4, 29), 3, D(2025, 5, 7)),
        # May Day 2026: 1–5 May off, Saturday 9 May worked.
        (D(2026, 4, 28), 7, D(2026, 5, 11)),
        (D(2026, 4, 30), 2, D(2026, 5, 7)),
        (D(2026, 5, 8), 1, D(2026, 5, 9)),
        # National Day and Mid-Autumn 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 30), 5, D(2025, 10, 14)),
        # Spring Festival 2026: 16–23 February off, Saturdays 14 and 28 February worked.
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 14), 2, D(2026, 2, 25)),
        (D(2026, 2, 27), 1, D(2026, 2, 28)),
        (D(2026, 4, 20), 0, D(2026, 4, 20)),
    ],
)
def test_add_working_days_across_holidays(start, days, due):
    assert add_working_days(start, days) == due


@pytest.mark.django_db
def test_make_up_days_are_worked_and_holidays_are_not():
    assert is_working_day(D(2026, 5, 9))  # a Saturday, worked for May Day
    assert not is_working_day(D(2026, 5, 4))  # a Monday off
    assert not is_working_day(D(2025, 10, 6))  # Mid-Autumn within Golden Week


@pytest.mark.django_db
def test_working_days_between_counts_the_end_not_the_start():
    assert working_days_between(D(2026, 4, 28), D(2026, 5, 11)) == 7
    assert working_days_between(D(2026, 5, 11), D(2026, 4, 28)) == -7
    assert working_days_between(D(2026, 4, 28), D(2026, 4, 28)) == 0


@pytest.mark.django_db
def test_years_without_bundled_data_fall_back_to_weekends_and_the_table():
    assert not is_covered(2099)
    assert add_working_days(D(2099, 4, 30), 2) == D(2099, 5, 4)  # Thursday → Friday, Monday
    Holiday.objects.create(date=D(2099, 5, 1), kind=Holiday.Kind.HOLIDAY, name="劳动节")
    Holiday.objects.create(date=D(2099, 5, 2), kind=Holiday.Kind.WORKDAY, name="劳动节调休")
    assert add_working_days(D(2099, 4, 30), 2) == D(2099, 5, 4)  # Friday off, Saturday worked, then Monday
    assert is_working_day(D(2099, 5, 2)) and not is_working_day(D(2099, 5, 1))


@pytest.mark.django_db
def test_a_holiday_row_overrides_the_bundled_calendar():
    assert is_working_day(D(2026, 4, 27))
    Holiday.objects.create(date=D(2026, 4, 27), kind=Holiday.Kind.HOLIDAY, name="地方假日")
    assert not is_working_day(D(2026, 4, 27))
    Holiday.objects.filter(date=D(2026, 4, 27)).delete()
    assert is_working_day(D(2026, 4, 27))


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 4, 20), -1)


@pytest.mark.django_db
@given(start=st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 6, 30)), days=st.integers(0, 60))
def test_adding_n_working_days_spans_exactly_n(start, days):
    due = add_working_days(start, days)
    assert working_days_between(start, due) == days
    assert days == 0 or is_working_day(due)
