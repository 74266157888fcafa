"""Small rules about dates, time zones and prices used by models, forms and views."""

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
WEEKDAYS = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]

DATE_MENTION = re.compile(
    r"\b(?:(?P<weekday>" + "|".join(WEEKDAYS) + r")\s+)?"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(?P<month>" + "|".join(MONTHS) + r")"
    r"(?:\s+(?P<year>\d{4}))?\b",
    re.IGNORECASE,
)
PERCENT_CLAIM = re.compile(r"(\d+(?:\.\d+)?)\s*%")


def london_zone_label(moment: datetime) -> str:
    """Return "BST" or "GMT", whichever applies in London at this moment."""
    return "BST" if moment.astimezone(LONDON).dst() else "GMT"


def in_london(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)


def consent_has_lapsed(expires_on: date | None, today: date) -> bool:
    """Whether consent ending on this date no longer covers today (it ends that morning).

    Testimonial.objects.with_current_consent states the same rule in SQL.
    """
    return expires_on is not None and expires_on <= today


def discount_percent(amount: Decimal | None, compared_against: Decimal | None) -> int:
    """The whole-number discount of amount against a higher price, or 0."""
    if amount is None or not compared_against or amount >= compared_against:
        return 0
    fraction = (compared_against - amount) / compared_against * 100
    return int(fraction.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def price_per_place(amount: Decimal | None, places: int) -> Decimal | None:
    """What each place costs when one price buys several places."""
    if amount is None or places < 1:
        return None
    return (amount / places).quantize(Decimal("0.01"))


def claimed_percentages(text: str) -> list[Decimal]:
    """Every percentage written in a piece of text, such as "60% off"."""
    return [Decimal(match) for match in PERCENT_CLAIM.findall(text or "")]


def discount_claim_error(text: str, actual_percent: int) -> str | None:
    """Explain why a written percentage disagrees with the numbers, or None."""
    for claimed in claimed_percentages(text):
        if abs(claimed - actual_percent) > Decimal("0.5"):
            if actual_percent == 0:
                return (
                    f"The text claims {claimed}% but the numbers give no discount: "
                    "set the price it is compared against."
                )
            return f"The text claims {claimed}% but the numbers give {actual_percent}%."
    return None


def _mention_date(day: int, month: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_mention_errors(text: str, session_dates: Iterable[date]) -> list[str]:
    """Explain weekdays or years in text that do not match the real calendar."""
    dates = sorted(set(session_dates))
    errors = []
    for match in DATE_MENTION.finditer(text or ""):
        day, month = int(match["day"]), MONTHS[match["month"].lower()]
        same_day = [d for d in dates if (d.day, d.month) == (day, month)]
        if match["year"]:
            year = int(match["year"])
            if same_day and all(d.year != year for d in same_day):
                errors.append(
                    f"“{match[0]}” gives the year {year}, but the session on that "
                    f"day is in {same_day[0].year}."
                )
                continue
        elif same_day:
            year = same_day[0].year
        elif dates:
            year = dates[0].year
        else:
            continue
        mentioned = _mention_date(day, month, year)
        if mentioned is None:
            errors.append(f"“{match[0]}” is not a real date.")
        elif (
            match["weekday"]
            and WEEKDAYS[mentioned.weekday()] != match["weekday"].lower()
            and (match["year"] or same_day)
        ):
            errors.append(
                f"“{match[0]}”: {mentioned:%-d %B %Y} is a "
                f"{WEEKDAYS[mentioned.weekday()].capitalize()}."
            )
    return errors
