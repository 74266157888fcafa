"""What retires cached pages for courses: rows that change, and moments that pass.

A session starting or ending changes "upcoming" lists with no save, and a consent
lapsing hides a testimonial; the page cache keeps nothing past the next of these.
"""

from datetime import date, datetime

from django.db.models import Min, Q
from django.utils import timezone

from courses.models import ConsentRecord, CourseSession
from home.page_cache import invalidate, page_cache, register_change_source, watch

WATCHED_MODELS = (
    "courses.CourseRun",
    "courses.CourseSession",
    "courses.CoursePriceTier",
    "courses.CourseFacilitator",
    "courses.Testimonial",
    "courses.ConsentRecord",
)


def next_session_moment(now: datetime) -> datetime | None:
    """The soonest session start or end after now, or None."""
    found = CourseSession.objects.aggregate(
        start=Min("start", filter=Q(start__gt=now)),
        end=Min("end", filter=Q(end__gt=now)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None


def consent_lapsed_between(since: date, today: date) -> bool:
    """Whether any consent expired after `since` and by `today`."""
    return ConsentRecord.objects.filter(
        expires_on__gt=since, expires_on__lte=today
    ).exists()


def connect() -> None:
    watch(*WATCHED_MODELS)
    register_change_source(next_session_moment)


CONSENT_CHECKED_KEY = "page-cache:consents-checked-on"


def retire_pages_if_consent_lapsed(now: datetime | None = None) -> bool:
    """Retire every cached page when a consent lapsed since the last check.

    The periodic job's half of the rule; the other half is that no page is kept
    past midnight. With no record of the last check, retire to be safe.
    """
    today = timezone.localdate(now or timezone.now())
    since = page_cache().get(CONSENT_CHECKED_KEY)
    lapsed = since is None or consent_lapsed_between(since, today)
    if lapsed:
        invalidate()
    page_cache().set(CONSENT_CHECKED_KEY, today, None)
    return lapsed
