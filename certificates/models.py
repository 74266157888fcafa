"""Registers, certificates and their histories, kept outside page revisions.

Attendance points at a session and certificates at a run (PROTECT), so publishing,
reverting, copying or translating a course page never changes them, and a session
with a register cannot be removed by an edit.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from places.models import default_language


class Source(models.TextChoices):
    """How an attendance row came to be."""

    REGISTER = "register", _("Ticked on the register")
    WALK_IN = "walk_in", _("Came without a place")
    IMPORT = "import", _("Meeting attendance report")


class AttendanceQuerySet(models.QuerySet):
    def present(self) -> "AttendanceQuerySet":
        return self.filter(attended=True)

    def on_run(self, run) -> "AttendanceQuerySet":
        """The registers of every session of a (source-language) run."""
        return self.filter(session__run=run)


class Attendance(models.Model):
    """One line of a session's register: whether one person came.

    People with a place point at it; people who came without one carry their own
    name and email. Either way the name and email are stored here, so a person's
    sessions can be counted across a run by email.
    """

    session = models.ForeignKey(
        "courses.CourseSession", on_delete=models.PROTECT, related_name="attendance"
    )
    place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254, db_index=True)
    language = models.CharField(max_length=8, default=default_language)
    attended = models.BooleanField(default=False)
    # Minutes in the meeting, from an imported attendance report.
    minutes = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session", "name", "pk"]
        permissions = [("keep_register", _("Can keep registers"))]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "place"],
                condition=Q(place__isnull=False),
                name="attendance_once_per_place",
            ),
            models.UniqueConstraint(
                fields=["session", "email"], name="attendance_once_per_email"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} #{self.pk}"


class AttendanceChange(models.Model):
    """One change to a register line: who made it, when, and from what to what."""

    attendance = models.ForeignKey(
        Attendance, on_delete=models.CASCADE, related_name="changes"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attended = models.BooleanField()
    minutes = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("register change")
        verbose_name_plural = _("register changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.attendance_id} at {self.at:%Y-%m-%d %H:%M}"


class AttendanceImport(models.Model):
    """A meeting attendance report uploaded for one session."""

    session = models.ForeignKey(
        "courses.CourseSession", on_delete=models.PROTECT, related_name="imports"
    )
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(max_length=200, blank=True)
    minimum_minutes = models.PositiveIntegerField()
    rows_read = models.PositiveIntegerField(default=0)
    rows_matched = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attendance import")
        verbose_name_plural = _("attendance imports")
        ordering = ["-at", "pk"]

    def __str__(self) -> str:
        return f"{self.session} import #{self.pk}"


class UnmatchedRow(models.Model):
    """A report row no register line matched: left for a person to match, never guessed."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("To match")
        MATCHED = "matched", _("Matched")
        DISMISSED = "dismissed", _("Not a participant")

    report = models.ForeignKey(
        AttendanceImport, on_delete=models.CASCADE, related_name="unmatched"
    )
    name = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=254, blank=True)
    minutes = models.PositiveIntegerField(default=0)
    outcome = models.CharField(
        max_length=10, choices=Outcome.choices, default=Outcome.OPEN, db_index=True
    )
    attendance = models.ForeignKey(
        Attendance,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("unmatched report row")
        verbose_name_plural = _("unmatched report rows")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: row #{self.pk}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    SUPERSEDED = "superseded", _("Superseded")
    REVOKED = "revoked", _("Revoked")


class CertificateQuerySet(models.QuerySet):
    def valid(self) -> "CertificateQuerySet":
        return self.filter(status=CertificateStatus.VALID)

    def for_email(self, email: str) -> "CertificateQuerySet":
        return self.filter(email__iexact=email.strip())


class Certificate(models.Model):
    """A certificate of completion, as issued: every fact on it is copied at issue.

    Later edits to the course, the run or the person's place never change an issued
    certificate; a correction issues a new one and marks this one superseded.
    """

    code = models.CharField(max_length=20, unique=True, editable=False)
    run = models.ForeignKey(
        "courses.CourseRun", on_delete=models.PROTECT, related_name="certificates"
    )
    place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254, db_index=True)
    language = models.CharField(max_length=8, default=default_language)
    course_title = models.CharField(max_length=255)
    run_title = models.CharField(max_length=255, blank=True)
    # ISO dates (YYYY-MM-DD) of the sessions attended, in order.
    dates = models.JSONField(default=list)
    sessions_attended = models.PositiveSmallIntegerField()
    sessions_needed = models.PositiveSmallIntegerField()
    cpd_hours = models.DecimalField(max_digits=4, decimal_places=1)
    participatory_hours = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )
    facilitators = models.CharField(max_length=500, blank=True)
    centre_name = models.CharField(max_length=120)
    status = models.CharField(
        max_length=12,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
        db_index=True,
    )
    superseded_by = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
    )
    revoked_reason = models.CharField(max_length=300, blank=True)
    issued_at = models.DateTimeField(auto_now_add=True, db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "pk"]
        permissions = [("issue_certificate", _("Can issue and revoke certificates"))]
        constraints = [
            # One valid certificate per person and run; corrections supersede.
            models.UniqueConstraint(
                fields=["run", "email"],
                condition=Q(status="valid"),
                name="one_valid_certificate_per_person_and_run",
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID

    def verification_path(self) -> str:
        """The public page that confirms this certificate, in its own language."""
        with translation.override(self.language):
            return reverse("certificates:verify_code", kwargs={"code": self.code})


class CertificateEvent(models.Model):
    """Something that happened to a certificate: issued, sent, superseded, revoked."""

    class Action(models.TextChoices):
        ISSUED = "issued", _("Issued")
        SENT = "sent", _("Emailed")
        SUPERSEDED = "superseded", _("Superseded")
        REVOKED = "revoked", _("Revoked")

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.action}"


# Feedback lives in its own module; imported here so Django registers its models.
from certificates.feedback_models import (  # noqa: E402, F401
    FeedbackRequest,
    FeedbackResponse,
    QuoteChoice,
)
