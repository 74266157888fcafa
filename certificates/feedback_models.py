"""Feedback after a run: one request per person who attended, and their answers.

Kept beside certificates/models.py (which re-exports them) so that module stays small.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from places.models import default_language


class QuoteChoice(models.TextChoices):
    """Whether, and how, a person lets us quote them."""

    NO = "no", _("No")
    NAMED = "named", _("Yes, with my name and role")
    ROLE = "role", _("Yes, with my role only")
    ANONYMOUS = "anonymous", _("Yes, anonymously")


class FeedbackRequest(models.Model):
    """One feedback email to one person who attended a (source-language) run."""

    run = models.ForeignKey(
        "courses.CourseRun", on_delete=models.PROTECT, related_name="feedback_requests"
    )
    place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True, help_text="Empty once the person is erased.")
    language = models.CharField(max_length=16, default=default_language)
    sent_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "email"],
                condition=~models.Q(email=""),
                name="one_feedback_request_per_person_and_run",
            )
        ]

    def __str__(self) -> str:
        return f"Feedback request {self.pk}"


class FeedbackResponse(models.Model):
    """A person's answers about a run, and what became of their quote."""

    request = models.OneToOneField(
        FeedbackRequest, on_delete=models.CASCADE, related_name="response"
    )
    rating = models.PositiveSmallIntegerField(
        choices=[(n, str(n)) for n in range(1, 6)]
    )
    helped = models.TextField(max_length=2000, blank=True)
    to_change = models.TextField(max_length=2000, blank=True)
    quote_choice = models.CharField(
        max_length=20, choices=QuoteChoice.choices, default=QuoteChoice.NO
    )
    role = models.CharField(max_length=120, blank=True)
    shown_name = models.CharField(max_length=120, blank=True)
    quote = models.TextField(max_length=800, blank=True)
    submitted_at = models.DateTimeField()
    consent = models.ForeignKey(
        "courses.ConsentRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    testimonial = models.ForeignKey(
        "courses.Testimonial",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")

    def __str__(self) -> str:
        return f"Feedback response {self.pk}"
