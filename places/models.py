"""A person's place on a run, and every change made to it.

Places live outside page revisions: a run or session row of a course page is only
pointed at (PROTECT), so publishing, reverting, copying or translating the page never
changes a place, and a run that holds places cannot be deleted by an edit.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    DECLINED = "declined", _("Declined")
    LAPSED = "lapsed", _("Offer lapsed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled by the centre")


# Statuses that take a place from the run's capacity: an offer holds it until it
# is answered or lapses.
HOLDING = frozenset({Status.OFFERED, Status.ACCEPTED})
# Statuses a person or staff can still move on from.
OPEN = frozenset({Status.RECEIVED, Status.OFFERED, Status.ACCEPTED, Status.WAITLISTED})


def default_language() -> str:
    """The site's default language code (e.g. en-gb), for places made without one."""
    return settings.LANGUAGE_CODE


class Way(models.TextChoices):
    """How the place was asked for or given."""

    BOOKED = "booked", _("Booked")
    APPLIED = "applied", _("Applied")
    JOINED = "joined", _("Signed up to a drop-in")
    STAFF = "staff", _("Added by staff")
    IMPORTED = "imported", _("Counted before places were recorded")


class PlaceQuerySet(models.QuerySet):
    def holding(self) -> "PlaceQuerySet":
        return self.filter(status__in=HOLDING)

    def waiting(self) -> "PlaceQuerySet":
        """The waiting list in order: first to join it, first offered."""
        return self.filter(status=Status.WAITLISTED).order_by("waitlisted_at", "pk")

    def on_run(self, run) -> "PlaceQuerySet":
        """Places on a run in any language: every translation counts on its source."""
        return self.filter(run__translation_key=run.translation_key)


class Payer(models.TextChoices):
    SELF = "self", _("The person booking")
    EMPLOYER = "employer", _("Their employer or organisation")


class Booking(models.Model):
    """One booking request for one or more places: its price, lead and who pays.

    The price is a snapshot of the tier chosen, so editing the course's prices
    later never changes what was booked or invoiced.
    """

    submission = models.OneToOneField(
        "forms_app.Submission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="booking",
    )
    run = models.ForeignKey(
        "courses.CourseRun", on_delete=models.PROTECT, related_name="bookings"
    )
    tier_label = models.CharField(_("price"), max_length=80, blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    places_booked = models.PositiveSmallIntegerField(_("places"), default=1)
    lead_name = models.CharField(_("booked by"), max_length=120)
    lead_email = models.EmailField(_("lead's email"), max_length=254)
    language = models.CharField(max_length=8, default="en")
    payer = models.CharField(
        _("who pays"), max_length=8, choices=Payer.choices, blank=True
    )
    organisation = models.CharField(max_length=200, blank=True)
    finance_email = models.EmailField(
        _("finance contact email"), max_length=254, blank=True
    )
    purchase_order = models.CharField(_("purchase order"), max_length=60, blank=True)
    invoiced_at = models.DateTimeField(null=True, blank=True)
    invoiced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        reference = self.submission.reference if self.submission_id else self.pk
        return f"{reference}: {self.places_booked} x {self.tier_label}"


class Place(models.Model):
    """One person's place (or request for one) on one run of a course."""

    run = models.ForeignKey(
        "courses.CourseRun", on_delete=models.PROTECT, related_name="places"
    )
    # One date of a drop-in run; empty when the place covers every session of the run.
    session = models.ForeignKey(
        "courses.CourseSession",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="places",
    )
    # Set when the place was booked with others (or paid for): whoever named the
    # people and who pays are on the booking.
    booking = models.ForeignKey(
        Booking,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="places",
    )
    submission = models.ForeignKey(
        "forms_app.Submission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
    )
    name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(max_length=254, blank=True, db_index=True)
    language = models.CharField(
        max_length=8,
        default=default_language,
        help_text=_("The language the person wrote in; their emails use it."),
    )
    way = models.CharField(max_length=12, choices=Way.choices)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    # Kept equal to `status in HOLDING` by every change, so courses can count seats
    # through the reverse relation without knowing the statuses.
    holds_seat = models.BooleanField(default=False, db_index=True, editable=False)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["created_at", "pk"]
        permissions = [("decide_place", _("Can decide on places"))]

    def __str__(self) -> str:
        return f"{self.get_status_display()} #{self.pk}"

    def save(self, *args, **kwargs) -> None:
        self.holds_seat = self.status in HOLDING
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "holds_seat", "updated_at"}
        super().save(*args, **kwargs)


class PlaceChange(models.Model):
    """One change of a place's status: when, by whom and why."""

    class Actor(models.TextChoices):
        STAFF = "staff", _("Staff")
        PERSON = "person", _("The person, by email link")
        VISITOR = "visitor", _("The person, on the website")
        SYSTEM = "system", _("The site, automatically")

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="changes")
    status_from = models.CharField(max_length=12, choices=Status.choices, blank=True)
    status_to = models.CharField(max_length=12, choices=Status.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=8, choices=Actor.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("change of place")
        verbose_name_plural = _("changes of place")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.status_from or '-'} -> {self.status_to}"


class FollowUpInvitation(models.Model):
    """A graduate's invitation to one follow-up session of a course, and their answer.

    One row per person (email, case-insensitive) and follow-up session: the
    invitation and its reminders go once, and a decline stops them.
    """

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    session = models.ForeignKey(
        "courses.CourseSession",
        on_delete=models.CASCADE,
        related_name="follow_up_invitations",
    )
    # The place that made the person a graduate; their name and language come from it.
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=8, default="en")
    invited_at = models.DateTimeField(auto_now_add=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up invitation")
        verbose_name_plural = _("follow-up invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"], name="one_invitation_per_follow_up"
            )
        ]

    def __str__(self) -> str:
        return f"Follow-up invitation #{self.pk}"

    @property
    def declined(self) -> bool:
        return self.declined_at is not None


class SessionAnnouncement(models.Model):
    """The version (SEQUENCE) of a session a person holding a place was last sent.

    Keyed by the session's stable uid, not a foreign key: session rows belong to
    the page's revisions, and this memo must neither hold them nor vanish with them.
    """

    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="announcements"
    )
    session_uid = models.UUIDField()
    sequence = models.PositiveIntegerField()
    # When the session was, as sent: enough to cancel it if it is removed outright.
    start = models.DateTimeField()
    end = models.DateTimeField()
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session as last sent")
        verbose_name_plural = _("sessions as last sent")
        constraints = [
            models.UniqueConstraint(
                fields=["place", "session_uid"], name="one_announcement_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.place_id} {self.session_uid} #{self.sequence}"
