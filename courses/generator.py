"""Weekly session dates for a series, in London wall-clock time."""

import re
from datetime import date, datetime, time, timedelta

from courses.rules import LONDON

MAX_WEEKS_SEARCHED = 104


def parse_skip_dates(text: str) -> list[date]:
    """Read ISO dates (2027-01-05) separated by commas, spaces or new lines."""
    dates = []
    for token in re.split(r"[\s,;]+", text or ""):
        if token:
            dates.append(date.fromisoformat(token))
    return dates


def weekly_session_times(
    count: int, first: date, start: time, end: time, skip: list[date]
) -> list[tuple[datetime, datetime]]:
    """Count weekly (start, end) pairs from the first date, skipping given dates."""
    skipped = set(skip)
    times = []
    day = first
    for _week in range(MAX_WEEKS_SEARCHED):
        if len(times) == count:
            break
        if day not in skipped:
            times.append(
                (
                    datetime.combine(day, start, tzinfo=LONDON),
                    datetime.combine(day, end, tzinfo=LONDON),
                )
            )
        day += timedelta(weeks=1)
    return times
