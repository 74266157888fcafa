"""Runs of a course (a cohort or a single date) and their sessions."""

import uuid
from datetime import date, datetime

from django.conf import settings
from django.db import models, router
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from courses.panels import RowFieldPanel, SessionsInlinePanel, WeeklyGeneratorPanel
from courses.rules import in_london, london_zone_label


class SessionFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    MOVED_ONLINE = "moved_online", _("Moved online")


# Fields whose change makes calendar apps replace their copy of the event; the
# private joining details are in it too, so people holding a place hear of a new link.
CALENDAR_FIELDS = (
    "start",
    "end",
    "format",
    "room",
    "building",
    "platform",
    "status",
    "joining_link",
    "joining_passcode",
    "joining_directions",
)


class CourseSessionQuerySet(models.QuerySet):
    """The session rules in SQL; CourseSession states each of them in Python."""

    def core(self) -> "CourseSessionQuerySet":
        """Meetings everyone on the run attends: not cancelled, not graduates-only."""
        return self.filter(graduates_only=False).exclude(status=SessionStatus.CANCELLED)

    def upcoming(self, now: datetime) -> "CourseSessionQuerySet":
        """Core meetings that start after now: what a newcomer can still book."""
        return self.core().filter(start__gt=now)

    def dropped_with_records(self, run_pk: int | None, kept: set[int]) -> list:
        """Stored sessions of a run that a new version drops although places point at them."""
        if run_pk is None:
            return []
        stored = self.filter(run_id=run_pk).exclude(pk__in=kept)
        return [session for session in stored if session.has_records()]


def places_taken(run_key: str = "translation_key") -> Coalesce:
    """Places held on a run in any language, counted on every translation of it.

    Places are recorded by the places app, which points each one at the source run
    and keeps `holds_seat` true while the place takes one of the run's seats; this
    reads them through that reverse relation without importing the app. A place
    for one date of a drop-in (`session` set) takes a seat on that date only, so
    it does not count against the run as a whole. `run_key` names the run's
    translation key from the query being annotated (a session's is
    `run__translation_key`).
    """
    held = (
        CourseRun.objects.filter(
            translation_key=OuterRef(run_key),
            places__holds_seat=True,
            places__session__isnull=True,
        )
        .values("translation_key")
        .annotate(n=Count("places"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(held), Value(0))


def in_booking_window(today: date, run: str = "") -> Q:
    """Bookable and inside its booking dates on `today`: `is_taking_bookings` in SQL
    without the meeting to come. `run` leads to the run from another model's
    query (a session's is "run__").
    """
    return (
        Q(**{f"{run}bookable": True})
        & (
            Q(**{f"{run}booking_opens__isnull": True})
            | Q(**{f"{run}booking_opens__lte": today})
        )
        & (
            Q(**{f"{run}booking_closes__isnull": True})
            | Q(**{f"{run}booking_closes__gte": today})
        )
    )


class CourseRunQuerySet(models.QuerySet):
    """The booking rule in SQL; CourseRun.is_open_for_booking states it in Python."""

    def with_places_taken(self) -> "CourseRunQuerySet":
        return self.annotate(taken=places_taken())

    def taking_bookings(self, now: datetime | None = None) -> "CourseRunQuerySet":
        """Bookable, inside the booking dates, with a meeting to come; full or not."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        upcoming = CourseSession.objects.upcoming(now).filter(run=OuterRef("pk"))
        return self.filter(Exists(upcoming), in_booking_window(today))

    def open_for_booking(self, now: datetime | None = None) -> "CourseRunQuerySet":
        return (
            self.taking_bookings(now)
            .alias(held=places_taken())
            .filter(Q(capacity__isnull=True) | Q(capacity__gt=F("held")))
        )

    def full_with_waiting_list(
        self, now: datetime | None = None
    ) -> "CourseRunQuerySet":
        """Runs that would be open but every place is taken: people join the waiting list."""
        return (
            self.taking_bookings(now)
            .alias(held=places_taken())
            .filter(capacity__isnull=False, capacity__lte=F("held"))
        )

    def dropped_with_records(self, course_pk: int | None, kept: set[int]) -> list:
        """Stored runs of a course that a new version drops although places point at them."""
        if course_pk is None:
            return []
        stored = self.filter(course_id=course_pk).exclude(pk__in=kept)
        return [run for run in stored if run.has_records()]

    def soonest_first(self) -> "CourseRunQuerySet":
        """Ordered by each run's first core meeting; runs without one come last."""
        first = CourseSession.objects.core().filter(run=OuterRef("pk"))
        return self.annotate(
            first_start=Subquery(first.order_by("start").values("start")[:1])
        ).order_by(F("first_start").asc(nulls_last=True), "pk")


class CourseRun(TranslatableMixin, ClusterableModel, Orderable):
    """One cohort or single date of a course, holding its sessions."""

    course = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="runs"
    )
    title = models.CharField(
        max_length=120,
        help_text=_("For example “Spring 2027 cohort” or “March drop-in”."),
    )
    notes = models.TextField(
        blank=True,
        max_length=600,
        help_text=_("Anything visitors should know about this run only."),
    )
    bookable = models.BooleanField(
        default=True,
        verbose_name=_("taking bookings"),
        help_text=_(
            "Untick when the run no longer takes bookings. A run whose places are "
            "all taken closes by itself."
        ),
    )
    booking_opens = models.DateField(null=True, blank=True)
    booking_closes = models.DateField(null=True, blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Leave empty when places are not limited.")
    )

    objects = CourseRunQuerySet.as_manager()

    panels = [
        RowFieldPanel("title"),
        RowFieldPanel("notes"),
        MultiFieldPanel(
            [
                RowFieldPanel("bookable"),
                FieldRowPanel(
                    [RowFieldPanel("booking_opens"), RowFieldPanel("booking_closes")]
                ),
                RowFieldPanel("capacity"),
            ],
            heading=_("Booking"),
        ),
        SessionsInlinePanel("sessions", label=_("Sessions")),
        WeeklyGeneratorPanel(
            [
                FieldRowPanel(
                    [
                        RowFieldPanel("generate_count"),
                        RowFieldPanel("generate_from"),
                        RowFieldPanel("generate_start_time"),
                        RowFieldPanel("generate_end_time"),
                    ]
                ),
                RowFieldPanel("generate_skip"),
                FieldRowPanel(
                    [
                        RowFieldPanel("generate_format"),
                        RowFieldPanel("generate_room"),
                        RowFieldPanel("generate_building"),
                        RowFieldPanel("generate_platform"),
                    ]
                ),
            ],
            heading=_("Add weekly sessions"),
            help_text=_(
                "Generates N weekly sessions from the first date when you save a "
                "draft or publish (never on autosave); they then appear above for "
                "checking."
            ),
        ),
    ]

    override_translatable_fields = [
        SynchronizedField("booking_opens"),
        SynchronizedField("booking_closes"),
        SynchronizedField("capacity"),
        SynchronizedField("bookable"),
        SynchronizedField("sessions"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("run")
        verbose_name_plural = _("runs")

    def __str__(self) -> str:
        return f"{self.course.title}: {self.title}"

    @property
    def places_taken(self) -> int:
        """Places held on this run in any language (offered or accepted)."""
        if hasattr(self, "taken"):
            return self.taken
        if self.pk is None:
            return 0
        self.taken = (
            CourseRun.objects.filter(pk=self.pk)
            .annotate(n=places_taken())
            .values_list("n", flat=True)
            .first()
            or 0
        )
        return self.taken

    @property
    def places_left(self) -> int | None:
        """Places still free, or None when the run has no capacity limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_taken, 0)

    @property
    def source_run(self) -> "CourseRun":
        """This run in the default language, where places are recorded."""
        return self.get_translation_or_none(Locale.get_default()) or self

    def date_places_left(self, session: "CourseSession") -> int | None:
        """Places still free on one date of a drop-in run, or None when not limited.

        Someone who joined the whole series takes a place on every date; someone who
        joined one date only on that one.
        """
        if self.capacity is None:
            return None
        counted = getattr(self, "_places_on_dates", {})
        if session.pk in counted:
            on_date = counted[session.pk]
        else:
            source = session.counterpart_in(self.source_run)
            on_date = source.places.filter(holds_seat=True).count() if source.pk else 0
        return max(self.capacity - self.places_taken - on_date, 0)

    def series_places_left(self, now: datetime) -> int | None:
        """Places free for the whole series: the fewest left on any date to come."""
        if self.capacity is None:
            return None
        upcoming = [s for s in self.sessions.all() if s.is_upcoming(now)]
        return min((self.date_places_left(s) for s in upcoming), default=0)

    def is_taking_bookings(self, now: datetime | None = None) -> bool:
        """Bookable, inside the booking dates, with a meeting to come; full or not."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        if not self.bookable:
            return False
        if self.booking_opens and self.booking_opens > today:
            return False
        if self.booking_closes and self.booking_closes < today:
            return False
        return any(session.is_upcoming(now) for session in self.sessions.all())

    def has_ended(self, now: datetime) -> bool:
        """Every session is over; a run without sessions is still being planned."""
        sessions = list(self.sessions.all())
        return bool(sessions) and all(session.has_ended(now) for session in sessions)

    def is_open_for_booking(self, now: datetime | None = None) -> bool:
        """True when the run takes bookings, has places left and a meeting to come."""
        return self.is_taking_bookings(now) and self.places_left != 0

    def has_waiting_list(self, now: datetime | None = None) -> bool:
        """Full, but otherwise open: people can join its waiting list."""
        return self.is_taking_bookings(now) and self.places_left == 0

    @property
    def label(self) -> str:
        """The title with the first and last core dates and how many meetings."""
        sessions = sorted(
            (s for s in self.sessions.all() if s.is_core), key=lambda s: s.start
        )
        if not sessions:
            return self.title
        first, last = _day(sessions[0].start), _day(sessions[-1].end)
        dates = first if first == last else f"{first} \u2013 {last}"
        count = ngettext("%(n)s session", "%(n)s sessions", len(sessions)) % {
            "n": len(sessions)
        }
        return f"{self.title}: {dates} ({count})"

    def has_records(self) -> bool:
        """Whether something outside the page (a place) points at this run or a session.

        Such a run cannot be deleted: the database refuses (PROTECT), and editing,
        reverting or publishing a page without it is refused with a message first.
        """
        return _is_protected(self)

    def removal_refused_message(self) -> str:
        return _(
            "“%(run)s” has places, registers or certificates, so it cannot be "
            "removed. Untick “taking bookings” to close it instead; its records "
            "stay as they are."
        ) % {"run": self.title}

    def counterpart_on(self, course) -> "CourseRun":
        """The run with the same translation key on the given course, or this run."""
        match = CourseRun.objects.filter(
            translation_key=self.translation_key, course=course
        ).first()
        return match or self

    def in_locale(self, locale: Locale) -> "CourseRun":
        """The run as written in the given language, or this run."""
        return self.get_translation_or_none(locale) or self


def count_places_on_dates(runs: list[CourseRun]) -> None:
    """Count, in one query, the places held on each date of these runs, for
    `date_places_left` to read instead of asking once per date.

    Counted as `date_places_left` counts them: on the same meeting (by uid, else by
    start) of the run's source run, the run itself when it has none.
    """
    limited = [run for run in runs if run.capacity is not None]
    if not limited:
        return
    own = {run.pk for run in limited}
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    rows = (
        CourseSession.objects.filter(
            Q(run__in=own)
            | Q(
                run__translation_key__in={run.translation_key for run in limited},
                run__locale__language_code=default,
            )
        )
        .annotate(held=Count("places", filter=Q(places__holds_seat=True)))
        .order_by("sort_order", "pk")
        .values("pk", "uid", "start", "held", "run_id", "run__translation_key")
    )
    by_run: dict[int, list[dict]] = {}
    sources: dict[str, int] = {}
    for row in rows:
        by_run.setdefault(row["run_id"], []).append(row)
        if row["run_id"] not in own:
            sources[row["run__translation_key"]] = row["run_id"]
    for run in limited:
        source = by_run.get(sources.get(run.translation_key, run.pk), [])
        counted = {}
        for row in by_run.get(run.pk, []):
            match = next((r for r in source if r["uid"] == row["uid"]), None) or next(
                (r for r in source if r["start"] == row["start"]), row
            )
            counted[row["pk"]] = match["held"]
        run._places_on_dates = counted


class CourseSession(Orderable):
    """One dated meeting of a run, with its place and status."""

    run = ParentalKey(CourseRun, on_delete=models.CASCADE, related_name="sessions")
    uid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    start = models.DateTimeField(help_text=_("UK time (GMT or BST as on that date)."))
    end = models.DateTimeField(help_text=_("UK time (GMT or BST as on that date)."))
    format = models.CharField(
        max_length=20, choices=SessionFormat.choices, default=SessionFormat.ONLINE
    )
    room = models.CharField(max_length=80, blank=True, help_text=_("E.g. GDC 1.38."))
    building = models.CharField(max_length=160, blank=True)
    platform = models.CharField(
        max_length=80, blank=True, help_text=_("For online sessions, e.g. MS Teams.")
    )
    status = models.CharField(
        max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    graduates_only = models.BooleanField(
        default=False,
        help_text=_("A follow-up open only to people who completed the run."),
    )
    # Private: only emails to people holding a place show these (docs/decisions/0016).
    joining_link = models.URLField(
        max_length=500,
        blank=True,
        help_text=_("The meeting link. Only people holding a place see it."),
    )
    joining_passcode = models.CharField(
        max_length=80,
        blank=True,
        help_text=_(
            "The meeting passcode, if any. Only people holding a place see it."
        ),
    )
    joining_directions = models.TextField(
        max_length=1000,
        blank=True,
        help_text=_(
            "How to find the room, or anything else to know on the day. Only "
            "people holding a place see it."
        ),
    )

    panels = [
        FieldRowPanel([RowFieldPanel("start"), RowFieldPanel("end")]),
        FieldRowPanel([RowFieldPanel("format"), RowFieldPanel("status")]),
        FieldRowPanel(
            [
                RowFieldPanel("room"),
                RowFieldPanel("building"),
                RowFieldPanel("platform"),
            ]
        ),
        RowFieldPanel("graduates_only"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [RowFieldPanel("joining_link"), RowFieldPanel("joining_passcode")]
                ),
                RowFieldPanel("joining_directions"),
            ],
            heading=_("Joining details (private)"),
            help_text=_(
                "Sent with the confirmation, the reminders and any update to people "
                "holding a place; never shown on the website or its calendars."
            ),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    objects = CourseSessionQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        self.sequence = self.next_sequence()
        super().save(*args, **kwargs)

    def next_sequence(self) -> int:
        """Raise SEQUENCE when time, place or status differ from the stored row."""
        if self.pk is None:
            return self.sequence
        stored = (
            CourseSession.objects.filter(pk=self.pk)
            .values("sequence", *CALENDAR_FIELDS)
            .first()
        )
        if stored is None:
            return self.sequence
        sequence = max(self.sequence, stored["sequence"])
        if any(stored[name] != getattr(self, name) for name in CALENDAR_FIELDS):
            sequence += 1
        return sequence

    @property
    def is_scheduled(self) -> bool:
        return self.status == SessionStatus.SCHEDULED

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def is_core(self) -> bool:
        """A meeting everyone on the run attends: not cancelled, not graduates-only."""
        return not self.is_cancelled and not self.graduates_only

    def counterpart_in(self, run: CourseRun) -> "CourseSession":
        """The same meeting in a translation of this session's run, or this session."""
        if run.pk == self.run_id:
            return self
        return (
            run.sessions.filter(uid=self.uid).first()
            or run.sessions.filter(start=self.start).first()
            or self
        )

    def has_records(self) -> bool:
        """Whether a place or a register line points at this session, so an edit may
        not remove it."""
        return _is_protected(self)

    def removal_refused_message(self) -> str:
        return _(
            "The session on %(date)s has places or a register, so it cannot be "
            "removed. Set its status to “cancelled” instead; its places and register "
            "stay as they are."
        ) % {"date": _day(self.start)}

    def is_upcoming(self, now: datetime) -> bool:
        """A core meeting that starts after now: what a newcomer can still book."""
        return self.is_core and self.start > now

    def has_ended(self, now: datetime) -> bool:
        """Over by now; until then the page lists it with the dates to come."""
        return self.end <= now

    def when_text(self) -> str:
        """Day, date, London times and GMT/BST as plain text, in the active language."""
        start, end = in_london(self.start), in_london(self.end)
        day = formats.date_format(start, "l j F Y")
        times = "\u2013".join(formats.time_format(t, "H:i") for t in (start, end))
        return f"{day}, {times} {london_zone_label(start)}"

    @property
    def has_joining_details(self) -> bool:
        return bool(
            self.joining_link or self.joining_passcode or self.joining_directions
        )

    @property
    def is_online_only(self) -> bool:
        return (
            self.format == SessionFormat.ONLINE
            or self.status == SessionStatus.MOVED_ONLINE
        )

    @property
    def place_label(self) -> str:
        """Room and building for in-person sessions, the platform for online ones."""
        if self.is_online_only:
            return self.platform
        place = ", ".join(part for part in (self.room, self.building) if part)
        if self.format == SessionFormat.HYBRID and self.platform:
            return f"{place} / {self.platform}" if place else self.platform
        return place


def _is_protected(instance: models.Model) -> bool:
    """Whether deleting the row would be refused because a protected record points at it."""
    collector = Collector(using=router.db_for_write(type(instance)))
    try:
        collector.collect([instance])
    except (ProtectedError, RestrictedError):
        return True
    return False


def _day(moment: datetime) -> str:
    return formats.date_format(in_london(moment), "j F Y")
