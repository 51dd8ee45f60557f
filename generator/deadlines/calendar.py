"""Calendar arithmetic of Japanese law (docs/deadlines.md 「日付の数え方」).

- 民法140条: a period counted in days/weeks/months from an event does not count the event's day, so
  "within 2 weeks of X" ends on X + 14 days.
- 民法143条: a period of months or years ends on the day before the corresponding date, which, with the
  first day not counted, is the corresponding date itself; when the month has no such day (1月31日 +
  1 month), it ends on the month's last day (2月28日/29日).
- 民法142条 / 行政機関の休日に関する法律 第2条: a period that ends on a Saturday, Sunday, national holiday
  or 12/29-1/3 ends on the next open day. A limit "before X" is not the end of a period and never moves
  later; when its last day is a closed day, the last chance to file is the previous open day.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt

import jpholiday

YEAR_END_CLOSURE = ((12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3))
ONE_DAY = dt.timedelta(days=1)


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding date `months` later (or earlier), or the month's last day (民法143条)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


def is_closed(day: dt.date) -> bool:
    """Saturday, Sunday, national holiday (incl. 振替休日/国民の休日) or the year-end closure 12/29-1/3."""
    return (day.weekday() >= 5 or jpholiday.is_holiday(day)
            or (day.month, day.day) in YEAR_END_CLOSURE)


def next_open_day(day: dt.date) -> dt.date:
    """The day itself if offices are open, else the next day they are (民法142条)."""
    while is_closed(day):
        day += ONE_DAY
    return day


def previous_open_day(day: dt.date) -> dt.date:
    while is_closed(day):
        day -= ONE_DAY
    return day


def closed_reason(day: dt.date) -> str | None:
    """Why offices are closed on `day`, in Japanese (for the notes beside a moved date)."""
    name = jpholiday.is_holiday_name(day)
    if name:
        return name
    if (day.month, day.day) in YEAR_END_CLOSURE:
        return "年末年始"
    if day.weekday() == 5:
        return "土曜日"
    if day.weekday() == 6:
        return "日曜日"
    return None


def fiscal_year(day: dt.date) -> int:
    """年度: April to March."""
    return day.year if day.month >= 4 else day.year - 1
