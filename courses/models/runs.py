"""Runs of a course (a cohort or a single date) and their sessions."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from courses.booking import CourseRunQuerySet, is_open_for_booking
from courses.rules import london_zone_label


class SessionFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    MOVED_ONLINE = "moved_online", _("Moved online")


# Fields whose change makes calendar apps replace their copy of the event.
CALENDAR_FIELDS = ("start", "end", "format", "room", "building", "platform", "status")


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
        help_text=_("Untick when the run is full or no longer takes bookings."),
    )
    booking_opens = models.DateField(null=True, blank=True)
    booking_closes = models.DateField(null=True, blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Leave empty when places are not limited.")
    )
    places_booked = models.PositiveIntegerField(default=0)

    objects = CourseRunQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("notes"),
        MultiFieldPanel(
            [
                FieldPanel("bookable"),
                FieldRowPanel(
                    [FieldPanel("booking_opens"), FieldPanel("booking_closes")]
                ),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("places_booked")]),
            ],
            heading=_("Booking"),
        ),
        InlinePanel("sessions", label=_("Sessions")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("generate_count"),
                        FieldPanel("generate_from"),
                        FieldPanel("generate_start_time"),
                        FieldPanel("generate_end_time"),
                    ]
                ),
                FieldPanel("generate_skip"),
                FieldRowPanel(
                    [
                        FieldPanel("generate_format"),
                        FieldPanel("generate_room"),
                        FieldPanel("generate_building"),
                        FieldPanel("generate_platform"),
                    ]
                ),
            ],
            heading=_("Add weekly sessions"),
            help_text=_(
                "Generates N weekly sessions from the first date when you save; "
                "they then appear above for checking."
            ),
        ),
    ]

    override_translatable_fields = [
        SynchronizedField("booking_opens"),
        SynchronizedField("booking_closes"),
        SynchronizedField("capacity"),
        SynchronizedField("places_booked"),
        SynchronizedField("bookable"),
        SynchronizedField("sessions"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("run")

    def __str__(self) -> str:
        return f"{self.course.title}: {self.title}"

    @property
    def places_left(self) -> int | None:
        """Places still free, or None when the run has no capacity limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_booked, 0)

    @property
    def is_open_for_booking(self) -> bool:
        return is_open_for_booking(self)


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

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
        FieldRowPanel(
            [FieldPanel("room"), FieldPanel("building"), FieldPanel("platform")]
        ),
        FieldPanel("graduates_only"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")

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
    def zone_label(self) -> str:
        return london_zone_label(self.start)

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def place_label(self) -> str:
        """Room and building for in-person sessions, the platform for online ones."""
        if self.format == SessionFormat.ONLINE or self.status == "moved_online":
            return self.platform
        place = ", ".join(part for part in (self.room, self.building) if part)
        if self.format == SessionFormat.HYBRID and self.platform:
            return f"{place} / {self.platform}" if place else self.platform
        return place
