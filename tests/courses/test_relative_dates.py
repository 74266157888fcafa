"""The demo's calendar arithmetic agrees with the calendar and with London's clocks."""

from calendar import SUNDAY, TUESDAY
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from courses.demo.relative_dates import (
    month_start,
    next_clock_change,
    nth_weekday,
    weekday_on_or_after,
)
from courses.rules import LONDON


def london_offset(day: date) -> timedelta:
    return datetime.combine(day, time(12), tzinfo=LONDON).utcoffset()


def test_weekdays_and_months_count_from_any_day():
    today = timezone.localdate()
    for day in (today + timedelta(days=n) for n in range(7)):
        assert weekday_on_or_after(day, TUESDAY).weekday() == TUESDAY
        assert 0 <= (weekday_on_or_after(day, TUESDAY) - day).days < 7
    assert month_start(today, 12) == date(today.year + 1, today.month, 1)
    assert month_start(today, -today.month) == date(today.year - 1, 12, 1)
    third = nth_weekday(today, TUESDAY, 3)
    assert third.weekday() == TUESDAY and 15 <= third.day <= 21
    assert third.month == today.month


def test_next_clock_change_is_when_london_changes_offset():
    day = timezone.localdate()
    for _ in range(4):
        change = next_clock_change(day)
        assert change.weekday() == SUNDAY
        assert london_offset(change - timedelta(days=1)) != london_offset(
            change + timedelta(days=1)
        )
        # Noon on each day from this one up to the change: one offset throughout.
        before = {
            london_offset(day + timedelta(days=n)) for n in range((change - day).days)
        }
        assert len(before) == 1, "no change is skipped"
        day = change
