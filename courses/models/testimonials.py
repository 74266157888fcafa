"""Testimonials: quotes from past participants, shown only while consent stands."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from courses.testimonial_form import TestimonialForm


class Attribution(models.TextChoices):
    NAMED = "named", _("Named")
    ROLE = "role", _("Role only")
    ANONYMOUS = "anonymous", _("Anonymous")


class TestimonialQuerySet(models.QuerySet):
    def with_current_consent(self, today: date | None = None) -> "TestimonialQuerySet":
        """Testimonials whose consent was given, has not expired and is not withdrawn."""
        today = today or timezone.localdate()
        return self.filter(
            Q(consent_expires_on__isnull=True) | Q(consent_expires_on__gt=today),
            consent_given_on__lte=today,
            consent_withdrawn_on__isnull=True,
        )


class Testimonial(TranslatableMixin, models.Model):
    """A participant's quote about a course, with the consent that allows it."""

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
    consent_given_on = models.DateField()
    consent_terms = models.TextField(
        max_length=1000,
        verbose_name=_("what was agreed"),
        help_text=_("E.g. Quote may appear on the website with my job role."),
    )
    consent_expires_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("The quote disappears from the site on this date."),
    )
    consent_withdrawn_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("Set when the person withdraws consent; it disappears at once."),
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
                FieldPanel("consent_given_on"),
                FieldPanel("consent_terms"),
                FieldRowPanel(
                    [
                        FieldPanel("consent_expires_on"),
                        FieldPanel("consent_withdrawn_on"),
                    ]
                ),
                FieldPanel("confirm_expired_consent"),
            ],
            heading=_("Consent"),
        ),
    ]
    base_form_class = TestimonialForm

    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("course"),
        SynchronizedField("run"),
        SynchronizedField("consent_given_on"),
        SynchronizedField("consent_terms", overridable=False),
        SynchronizedField("consent_expires_on"),
        SynchronizedField("consent_withdrawn_on"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")
        ordering = ["-consent_given_on", "pk"]

    def __str__(self) -> str:
        return self.quote[:60]

    def clean(self) -> None:
        super().clean()
        if self.run_id and self.course_id and self.run.course_id != self.course_id:
            raise ValidationError(
                {"run": _("Choose one of this course's runs, or leave it empty.")}
            )

    @property
    def attribution_text(self) -> str:
        """The words under the quote, honouring the chosen attribution."""
        if self.attribution == Attribution.NAMED:
            return ", ".join(part for part in (self.name, self.role) if part)
        if self.attribution == Attribution.ROLE:
            return self.role
        return str(_("Anonymous participant"))
