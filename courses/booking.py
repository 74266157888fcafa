"""Whether a course run takes bookings now: one rule, as a function and a queryset."""

from datetime import datetime

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone


def is_open_for_booking(run, now: datetime | None = None) -> bool:
    """True when the run takes bookings, has places left and a session still to come."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not run.bookable:
        return False
    if run.booking_opens and run.booking_opens > today:
        return False
    if run.booking_closes and run.booking_closes < today:
        return False
    if run.places_left == 0:
        return False
    return any(
        session.start > now and session.status != "cancelled"
        for session in run.sessions.all()
    )


class CourseRunQuerySet(models.QuerySet):
    def open_for_booking(self, now: datetime | None = None) -> "CourseRunQuerySet":
        """The same rule as is_open_for_booking, in SQL."""
        from courses.models import CourseSession

        now = now or timezone.now()
        today = timezone.localdate(now)
        future = CourseSession.objects.filter(
            run=OuterRef("pk"), start__gt=now
        ).exclude(status="cancelled")
        return self.filter(
            Exists(future),
            Q(booking_opens__isnull=True) | Q(booking_opens__lte=today),
            Q(booking_closes__isnull=True) | Q(booking_closes__gte=today),
            Q(capacity__isnull=True) | Q(capacity__gt=F("places_booked")),
            bookable=True,
        )
