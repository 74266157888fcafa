"""Testimonials: quotes from past participants, shown only while live and consented."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail_localize.fields import SynchronizedField

from courses.models.consent import Attribution, ConsentRecord, attribution_allowed
from courses.testimonial_form import CONSENT_FIELDS, ConsentPanel, TestimonialForm


class ConsentNotCurrent(Exception):
    """A testimonial may only go live while its consent stands."""


class TestimonialQuerySet(models.QuerySet):
    def with_current_consent(self, today: date | None = None) -> "TestimonialQuerySet":
        """Live testimonials whose consent was given, has not expired or been withdrawn."""
        today = today or timezone.localdate()
        return self.filter(
            Q(consent__expires_on__isnull=True) | Q(consent__expires_on__gt=today),
            live=True,
            consent__given_on__lte=today,
            consent__withdrawn_on__isnull=True,
        )


class Testimonial(
    TranslatableMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model
):
    """A participant's quote about a course, shown within the consent it points at."""

    quote = models.TextField(max_length=800)
    attribution = models.CharField(
        max_length=20, choices=Attribution.choices, default=Attribution.ANONYMOUS
    )
    name = models.CharField(
        max_length=120, blank=True, help_text=_("Only shown when attribution is named.")
    )
    role = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("E.g. Nurse, memory service. Not shown when anonymous."),
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="testimonials"
    )
    run = models.ForeignKey(
        "courses.CourseRun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
        help_text=_("The run they attended, where known."),
    )
    consent = models.ForeignKey(
        ConsentRecord, on_delete=models.PROTECT, related_name="testimonials"
    )

    objects = TestimonialQuerySet.as_manager()

    panels = [
        FieldPanel("quote"),
        MultiFieldPanel(
            [FieldPanel("attribution"), FieldPanel("name"), FieldPanel("role")],
            heading=_("Attribution"),
        ),
        FieldRowPanel([FieldPanel("course"), FieldPanel("run")]),
        MultiFieldPanel(
            [
                *(FieldPanel(name) for name in CONSENT_FIELDS),
                FieldPanel("confirm_expired_consent"),
                ConsentPanel(),
            ],
            heading=_("Consent"),
        ),
    ]
    base_form_class = TestimonialForm

    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("course"),
        SynchronizedField("run"),
        SynchronizedField("consent"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")
        ordering = ["-consent__given_on", "pk"]

    def __str__(self) -> str:
        # Wagtail logs this on every revision: a number, not the person's words.
        if self.pk is None:
            return str(_("New testimonial"))
        return str(_("Testimonial %(number)s") % {"number": self.pk})

    @property
    def excerpt(self) -> str:
        """The start of the quote, for the editor's list."""
        return self.quote[:60]

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.run_id and self.course_id and self.run.course_id != self.course_id:
            errors["run"] = _("Choose one of this course's runs, or leave it empty.")
        consent = self.consent if self.has_consent() else None
        if consent is not None:
            if not attribution_allowed(self.attribution, consent.attribution):
                errors["attribution"] = _(
                    "The person agreed to be shown as “%(agreed)s”: choose that or "
                    "show less of them."
                ) % {"agreed": consent.get_attribution_display()}
            elif (
                self.attribution == Attribution.NAMED
                and self.name != consent.shown_name
            ):
                errors["name"] = _(
                    "Use the name the person agreed to be shown: “%(name)s”."
                ) % {"name": consent.shown_name}
        if errors:
            raise ValidationError(errors)

    def has_consent(self) -> bool:
        if self.consent_id is not None:
            return True
        return type(self).consent.is_cached(self) and self.consent is not None

    def publish(self, revision, *args, **kwargs):
        """Refuse to put a quote live without consent that stands today."""
        consent = revision.as_object().consent
        if not consent.is_current():
            raise ConsentNotCurrent("Testimonial consent is not current")
        return super().publish(revision, *args, **kwargs)

    @property
    def attribution_text(self) -> str:
        """The words under the quote, honouring the chosen attribution."""
        if self.attribution == Attribution.NAMED:
            return ", ".join(part for part in (self.name, self.role) if part)
        if self.attribution == Attribution.ROLE:
            return self.role
        return str(_("Anonymous participant"))
