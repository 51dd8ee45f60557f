"""Calendar arithmetic of the deadline engine (民法140/142/143条, 行政機関の休日), table-driven."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.deadlines.calendar import (
    add_days,
    add_months,
    add_years,
    closed_reason,
    fiscal_year,
    is_closed,
    next_open_day,
    previous_open_day,
)

D = dt.date.fromisoformat


@pytest.mark.parametrize("start, months, expected", [
    ("2026-01-31", 1, "2026-02-28"),   # no 2月31日: the month's last day
    ("2028-01-31", 1, "2028-02-29"),   # leap year
    ("2026-01-30", 1, "2026-02-28"),
    ("2026-03-31", 1, "2026-04-30"),
    ("2026-05-15", 1, "2026-06-15"),   # the corresponding date
    ("2026-12-15", 1, "2027-01-15"),   # across the year
    ("2026-03-31", -1, "2026-02-28"),  # backwards ("6か月前まで")
    ("2026-08-31", -6, "2026-02-28"),
    ("2028-08-31", -6, "2028-02-29"),
    ("2027-06-30", -12, "2026-06-30"),
])
def test_months_end_on_the_corresponding_date_or_the_months_last_day(start, months, expected):
    assert add_months(D(start), months) == D(expected)


@pytest.mark.parametrize("start, years, expected", [
    ("2024-02-29", 1, "2025-02-28"),
    ("2024-02-29", 4, "2028-02-29"),
    ("2026-09-25", 1, "2027-09-25"),
])
def test_years_count_like_months(start, years, expected):
    assert add_years(D(start), years) == D(expected)


def test_within_two_weeks_does_not_count_the_day_of_the_event():
    assert add_days(D("2026-11-10"), 14) == D("2026-11-24")


@pytest.mark.parametrize("day, closed, reason", [
    ("2026-12-28", False, None),           # Monday: last open day of the year
    ("2026-12-29", True, "年末年始"),
    ("2026-12-31", True, "年末年始"),
    ("2027-01-01", True, "元日"),
    ("2027-01-03", True, "年末年始"),   # also a Sunday
    ("2027-01-04", False, None),
    ("2026-05-02", True, "土曜日"),
    ("2026-05-03", True, "憲法記念日"),    # a Sunday holiday …
    ("2026-05-06", True, "振替休日"),      # … gives a 振替休日 on Wednesday
    ("2026-05-07", False, None),
    ("2026-09-22", True, "国民の休日"),    # between 敬老の日 and 秋分の日
])
def test_closed_days_are_weekends_holidays_and_the_year_end(day, closed, reason):
    assert is_closed(D(day)) is closed
    if reason:
        assert reason in closed_reason(D(day))


@pytest.mark.parametrize("legal, effective", [
    ("2026-12-28", "2026-12-28"),
    ("2026-12-29", "2027-01-04"),   # year-end closure
    ("2026-05-02", "2026-05-07"),   # Golden Week with 振替休日
    ("2026-09-19", "2026-09-24"),   # Silver Week
    ("2027-01-10", "2027-01-12"),   # Sunday, then 成人の日
])
def test_a_period_ending_on_a_closed_day_ends_on_the_next_open_day(legal, effective):
    assert next_open_day(D(legal)) == D(effective)


@pytest.mark.parametrize("legal, effective", [
    ("2027-01-03", "2026-12-28"),
    ("2027-05-05", "2027-04-30"),
    ("2027-02-28", "2027-02-26"),
])
def test_a_limit_before_an_event_moves_earlier_never_later(legal, effective):
    assert previous_open_day(D(legal)) == D(effective)


def test_fiscal_years_begin_in_april():
    assert fiscal_year(D("2027-03-31")) == 2026
    assert fiscal_year(D("2027-04-01")) == 2027


DAYS = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


@given(DAYS, st.integers(min_value=-36, max_value=36))
def test_add_months_lands_in_the_right_month_on_the_same_day_or_the_months_last(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == min(day.day, monthrange(result.year, result.month)[1])


@given(DAYS)
def test_the_next_open_day_is_open_and_no_open_day_is_skipped(day):
    found = next_open_day(day)
    assert not is_closed(found) and found >= day
    assert all(is_closed(day + dt.timedelta(days=i)) for i in range((found - day).days))
    assert (found - day).days <= 9  # the longest closure (Golden Week / year end with a weekend)
