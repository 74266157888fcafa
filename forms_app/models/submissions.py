"""What a visitor sent, and one email delivery per recipient of each kind."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission


class SubmissionQuerySet(models.QuerySet):
    def with_wrong_status(self) -> "SubmissionQuerySet":
        """Submissions whose stored status disagrees with their deliveries."""
        return (
            self.exclude(status=Submission.Status.QUARANTINED)
            .alias(expected=status_from_deliveries())
            .exclude(status=F("expected"))
        )


def status_from_deliveries() -> Case:
    """A submission's status as its deliveries say: failed, notified or received.

    Any email that finished badly fails it; it is notified once every staff
    notification went out; alerts to operations do not count.
    """
    deliveries = Delivery.objects.filter(submission=OuterRef("pk")).exclude(
        kind=Delivery.Kind.FAILURE_ALERT
    )
    notifications = deliveries.filter(kind=Delivery.Kind.NOTIFICATION)
    return Case(
        When(
            Exists(deliveries.filter(status__in=Delivery.FINISHED_BAD)),
            then=Value(Submission.Status.FAILED),
        ),
        When(
            Exists(notifications)
            & ~Exists(notifications.exclude(status__in=Delivery.FINISHED_GOOD)),
            then=Value(Submission.Status.NOTIFIED),
        ),
        default=Value(Submission.Status.RECEIVED),
        output_field=models.CharField(),
    )


class Submission(AbstractFormSubmission):
    """One stored form submission with its reference, status and contact details."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        QUARANTINED = "quarantined", _("Quarantined as possible spam")
        NOTIFIED = "notified", _("Notified")
        FAILED = "failed", _("Failed")

    reference = models.CharField(max_length=16, unique=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_name = models.CharField(max_length=120)
    contact_email = models.EmailField(max_length=254, db_index=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True)
    spam_reason = models.CharField(max_length=40, blank=True)
    course_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    run = models.ForeignKey(
        "courses.CourseRun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    # One date of the run (a drop-in sign-up for a single session); empty for all.
    session = models.ForeignKey(
        "courses.CourseSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        permissions = [
            ("change_routing", _("Can change form routing addresses")),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_data(self) -> dict:
        return {
            **self.form_data,
            "reference": self.reference,
            "status": self.get_status_display(),
            "contact_name": self.contact_name,
            "contact_email": self.contact_email,
            "submit_time": self.submit_time,
            "run": str(self.run.title) if self.run_id else "",
        }


class DeliveryQuerySet(models.QuerySet):
    """The one place that says which deliveries are pending, finished, due or stuck."""

    def pending(self) -> "DeliveryQuerySet":
        return self.filter(status__in=Delivery.PENDING)

    def finished_good(self) -> "DeliveryQuerySet":
        return self.filter(status__in=Delivery.FINISHED_GOOD)

    def finished_bad(self) -> "DeliveryQuerySet":
        return self.filter(status__in=Delivery.FINISHED_BAD)

    def due(self, now: datetime | None = None) -> "DeliveryQuerySet":
        """Queued and free to be sent now: never tried, or its retry time has come."""
        now = now or timezone.now()
        return self.filter(status=Delivery.Status.QUEUED).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        )

    def stuck(self, now: datetime | None = None) -> "DeliveryQuerySet":
        """Pending longer than EMAIL_STUCK_SECONDS past when its attempt was due or began.

        Counted from the scheduled retry (else the last change) for a queued row and
        from the claim for a sending one, never from when the row was made: an email
        waiting for a retry later on is not stuck.
        """
        now = now or timezone.now()
        cutoff = now - timedelta(seconds=settings.EMAIL_STUCK_SECONDS)
        queued = Delivery.Status.QUEUED
        return self.filter(
            Q(status=Delivery.Status.SENDING, claimed_at__lt=cutoff)
            | Q(status=queued, next_attempt_at__lt=cutoff)
            | Q(status=queued, next_attempt_at__isnull=True, updated_at__lt=cutoff)
        )


class Delivery(models.Model):
    """One email to one recipient about one submission, and how sending it went."""

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("Notification to staff")
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement to sender")
        FAILURE_ALERT = "failure_alert", _("Failure alert to operations")
        # Written in full by a layer above (an offer, a reminder) and stored as sent.
        MESSAGE = "message", _("Message to a person")

    class Audience(models.TextChoices):
        TEAM = "team", _("Team")
        ANSWER_RULE = "answer_rule", _("Answer rule")
        FACILITATOR = "facilitator", _("Facilitator")
        APPLICANT = "applicant", _("Applicant")
        OPERATIONS = "operations", _("Operations")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        DELIVERED = "delivered", _("Delivered")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")
        REJECTED = "rejected", _("Rejected")
        SUPPRESSED = "suppressed", _("Not sent (daily limit)")

    # Groups of statuses: the only definitions, used by queries, views and webhooks.
    PENDING = frozenset({Status.QUEUED, Status.SENDING})
    FINISHED_GOOD = frozenset({Status.SENT, Status.DELIVERED})
    FINISHED_BAD = frozenset({Status.FAILED, Status.BOUNCED, Status.REJECTED})
    # Staff may resend these; a delivered or complained-about email is left alone.
    RESENDABLE = FINISHED_BAD | {Status.SENT, Status.SUPPRESSED}

    # Empty only for a message about something no stored submission asked for.
    submission = models.ForeignKey(
        Submission,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # A message's own content, written when it was queued; empty for other kinds.
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)
    # Names a message so the same one is never queued twice (e.g. one reminder).
    key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    recipient = models.EmailField(max_length=254)
    audience = models.CharField(
        max_length=16,
        choices=Audience.choices,
        help_text=_("Whom the email is for, e.g. a facilitator or the applicant."),
    )
    rule = models.CharField(
        max_length=255, help_text=_("The routing rule that chose this recipient.")
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    attempt_log = models.JSONField(default=list, blank=True)
    last_error = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The last send task queued for it: another is queued only once this one is not waiting.
    send_task_id = models.CharField(max_length=64, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("email delivery")
        verbose_name_plural = _("email deliveries")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "kind", "recipient"],
                condition=~models.Q(kind="message"),
                name="one_delivery_per_recipient_and_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.kind} {self.status}"
