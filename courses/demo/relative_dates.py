"""Calendar arithmetic for placing demo sessions relative to the day it is built."""

from calendar import SUNDAY
from datetime import date, timedelta


def weekday_on_or_after(day: date, weekday: int) -> date:
    """The first day with this weekday (Monday is 0) on or after the given day."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def month_start(day: date, months: int = 0) -> date:
    """The first of the month this many months after the day's month (negative: before)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def nth_weekday(month: date, weekday: int, n: int) -> date:
    """The n-th day with this weekday (the first is 1) in the given day's month."""
    return weekday_on_or_after(month.replace(day=1), weekday) + timedelta(weeks=n - 1)


def clock_changes(year: int) -> tuple[date, date]:
    """The Sundays the UK clocks go forward and back: the last in March and October."""
    # Both months have 31 days, so their last Sunday falls on the 25th or later.
    return (
        weekday_on_or_after(date(year, 3, 25), SUNDAY),
        weekday_on_or_after(date(year, 10, 25), SUNDAY),
    )


def next_clock_change(after: date) -> date:
    """The first UK clock change (GMT to BST or back) strictly after the given day."""
    return min(
        change
        for year in (after.year, after.year + 1)
        for change in clock_changes(year)
        if change > after
    )
