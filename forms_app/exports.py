"""Spreadsheet cells: safe from formula injection, with moments in UK local time."""

from datetime import datetime

from django.utils import timezone

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Sorts as text and is read as a date by spreadsheets, e.g. 2026-11-29 13:57.
CSV_DATETIME_FORMAT = "%Y-%m-%d %H:%M"


def neutralise_formula(value: object) -> object:
    """Prefix text a spreadsheet would run as a formula with a single quote."""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def local_moment(value: datetime) -> datetime:
    """The moment as a naive date and time on the site's clock (UK), to the minute."""
    if timezone.is_aware(value):
        value = timezone.localtime(value, timezone.get_default_timezone())
    return value.replace(second=0, microsecond=0, tzinfo=None)


def local_moment_text(value: datetime) -> str:
    """The moment as UK local time for a CSV cell, e.g. 2026-11-29 13:57."""
    return local_moment(value).strftime(CSV_DATETIME_FORMAT)
