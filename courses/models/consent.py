"""Consent to quote a person: a record kept as given, changed only by withdrawal."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Attribution(models.TextChoices):
    NAMED = "named", _("Named")
    ROLE = "role", _("Role only")
    ANONYMOUS = "anonymous", _("Anonymous")


# How much of a person each attribution shows; a quote may show less, never more.
ATTRIBUTION_RANK = {Attribution.ANONYMOUS: 0, Attribution.ROLE: 1, Attribution.NAMED: 2}


def attribution_allowed(shown: str, agreed: str) -> bool:
    """Whether showing a quote with `shown` stays within the `agreed` attribution."""
    return ATTRIBUTION_RANK[Attribution(shown)] <= ATTRIBUTION_RANK[Attribution(agreed)]


class ConsentSource(models.TextChoices):
    FEEDBACK_FORM = "feedback_form", _("Feedback form")
    STAFF = "staff", _("Recorded by staff from paper or email")


class ConsentIsFixed(Exception):
    """Consent is kept as it was given: only its withdrawal may be recorded."""


# The fields a saved record may change, and only from empty.
WITHDRAWAL_FIELDS = ("withdrawn_on", "withdrawal_note")
# Once withdrawn, a record may forget who gave it (erasure), and nothing else.
IDENTITY_FIELDS = ("name", "email", "shown_name")


class ConsentRecordQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        """Refuse bulk changes except recording withdrawal."""
        if set(kwargs) - set(WITHDRAWAL_FIELDS):
            raise ConsentIsFixed("ConsentRecord rows only change by withdrawal")
        return super().update(**kwargs)

    def current(self, today: date | None = None) -> "ConsentRecordQuerySet":
        """Consent given by today, not expired and not withdrawn."""
        today = today or timezone.localdate()
        return self.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gt=today),
            given_on__lte=today,
            withdrawn_on__isnull=True,
        )


class ConsentRecord(models.Model):
    """Who agreed to be quoted, when, to which words and with which attribution."""

    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    given_on = models.DateField()
    wording = models.TextField(max_length=2000)
    language = models.CharField(max_length=16, blank=True)
    attribution = models.CharField(max_length=20, choices=Attribution.choices)
    shown_name = models.CharField(max_length=120, blank=True)
    shown_role = models.CharField(max_length=120, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_note = models.TextField(max_length=1000, blank=True)
    source = models.CharField(max_length=20, choices=ConsentSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_on", "pk"]

    def __str__(self) -> str:
        return str(_("Consent of %(date)s") % {"date": self.given_on})

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            self.refuse_changes()
        super().save(*args, **kwargs)

    def refuse_changes(self) -> None:
        """Raise unless the change is a first withdrawal, or blanking who gave a
        withdrawn consent (erasing the person)."""
        stored = ConsentRecord.objects.get(pk=self.pk)
        for field in self._meta.concrete_fields:
            name = field.attname
            if getattr(self, name) == getattr(stored, name):
                continue
            if name in WITHDRAWAL_FIELDS and stored.withdrawn_on is None:
                continue
            if (
                name in IDENTITY_FIELDS
                and self.withdrawn_on
                and not getattr(self, name)
            ):
                continue
            raise ConsentIsFixed(f"ConsentRecord.{name} cannot change once recorded")

    def is_current(self, today: date | None = None) -> bool:
        """Python twin of ConsentRecordQuerySet.current."""
        today = today or timezone.localdate()
        return (
            self.given_on <= today
            and self.withdrawn_on is None
            and (self.expires_on is None or self.expires_on > today)
        )

    def withdraw(self, note: str, today: date | None = None) -> bool:
        """Record withdrawal once; whether this call recorded it."""
        changed = ConsentRecord.objects.filter(
            pk=self.pk, withdrawn_on__isnull=True
        ).update(withdrawn_on=today or timezone.localdate(), withdrawal_note=note)
        self.refresh_from_db()
        return bool(changed)
