"""Price tiers and facilitators: ordered child rows of a course page."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from courses.panels import RowFieldPanel
from courses.rules import discount_claim_error, discount_percent, price_per_place
from courses.widgets import FacilitatorChooser


class Eligibility(models.TextChoices):
    """Who may book a price tier."""

    ANYONE = "anyone", _("Anyone")
    TEAM = "team", _("A team or group booking the places together")
    INTRODUCTORY = "introductory", _("Anyone, as an introductory offer until a date")
    CONDITION = "condition", _("Only people meeting a condition described below")


class CoursePriceTierQuerySet(models.QuerySet):
    """The tier rules in SQL; CoursePriceTier states each of them in Python."""

    def current(self, today: date | None = None) -> "CoursePriceTierQuerySet":
        """Tiers still offered: every tier but an introductory offer that has ended."""
        today = today or timezone.localdate()
        return self.exclude(
            eligibility=Eligibility.INTRODUCTORY, available_until__lt=today
        )

    def bookable_alone(self, today: date | None = None) -> "CoursePriceTierQuerySet":
        """Tiers anyone can book for one place today, with no condition to meet."""
        today = today or timezone.localdate()
        return self.filter(
            Q(eligibility=Eligibility.ANYONE)
            | Q(eligibility=Eligibility.INTRODUCTORY, available_until__gte=today),
            places=1,
        )


class CoursePriceTier(TranslatableMixin, Orderable):
    """A price for a course: its amount, who may book it and any discount it gives."""

    course = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="price_tiers"
    )
    label = models.CharField(
        max_length=80, help_text=_("E.g. Standard, Introductory rate, Block booking.")
    )
    description = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "Optional. Any percentage you write here is checked against the numbers."
        ),
    )
    is_free = models.BooleanField(default=False, verbose_name=_("free"))
    amount = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Price in pounds for the places below."),
    )
    compared_against = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "The usual price of one place, when this tier is a discount on it."
        ),
    )
    places = models.PositiveSmallIntegerField(
        default=1, help_text=_("Places this price buys; more than 1 for a block.")
    )
    eligibility = models.CharField(
        max_length=20,
        choices=Eligibility.choices,
        default=Eligibility.ANYONE,
        verbose_name=_("who may book it"),
        help_text=_(
            "The “From” price in the course list only uses prices anyone can book "
            "for one place."
        ),
    )
    available_until = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "Introductory offers: the last day it can be booked. "
            "It disappears from the site after this day."
        ),
    )
    condition = models.CharField(
        max_length=120,
        blank=True,
        help_text=_(
            "Who may book this price, as visitors will read it, "
            "e.g. “for NHS staff in Wales”."
        ),
    )

    objects = CoursePriceTierQuerySet.as_manager()

    panels = [
        FieldRowPanel([RowFieldPanel("label"), RowFieldPanel("is_free")]),
        RowFieldPanel("description"),
        FieldRowPanel(
            [
                RowFieldPanel("amount"),
                RowFieldPanel("compared_against"),
                RowFieldPanel("places"),
            ]
        ),
        FieldRowPanel(
            [
                RowFieldPanel("eligibility"),
                RowFieldPanel("available_until"),
                RowFieldPanel("condition"),
            ]
        ),
    ]

    override_translatable_fields = [
        SynchronizedField("eligibility"),
        SynchronizedField("available_until"),
        SynchronizedField("amount"),
        SynchronizedField("compared_against"),
        SynchronizedField("places"),
        SynchronizedField("is_free"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("price tier")
        verbose_name_plural = _("price tiers")

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        errors = {}
        if self.is_free and self.amount:
            errors["amount"] = _("A free tier cannot have an amount.")
        if not self.is_free and self.amount is None:
            errors["amount"] = _("Give an amount, or tick “free”.")
        if (
            self.compared_against is not None
            and self.amount is not None
            and self.compared_against <= (self.per_place or 0)
        ):
            errors["compared_against"] = _(
                "The compared price must be higher than the price of one place."
            )
        errors.update(self.eligibility_errors())
        for name in ("label", "description"):
            message = discount_claim_error(getattr(self, name), self.discount)
            if message:
                errors[name] = message
        if errors:
            raise ValidationError(errors)

    def eligibility_errors(self) -> dict[str, str]:
        """Each detail the chosen eligibility needs and is missing, by field."""
        errors = {}
        if self.eligibility == Eligibility.TEAM and (self.places or 0) < 2:
            errors["places"] = gettext("A team booking needs at least 2 places.")
        if self.eligibility == Eligibility.INTRODUCTORY and not self.available_until:
            errors["available_until"] = gettext(
                "Give the last day of the introductory offer."
            )
        if self.eligibility != Eligibility.INTRODUCTORY and self.available_until:
            errors["available_until"] = gettext(
                "Only an introductory offer has a last day; clear it or change "
                "who may book it."
            )
        if self.eligibility == Eligibility.CONDITION and not self.condition.strip():
            errors["condition"] = gettext("Describe who may book this price.")
        return errors

    def is_current(self, today: date | None = None) -> bool:
        """Still offered: every tier but an introductory offer that has ended."""
        today = today or timezone.localdate()
        return not (
            self.eligibility == Eligibility.INTRODUCTORY
            and self.available_until is not None
            and self.available_until < today
        )

    def is_bookable_alone(self, today: date | None = None) -> bool:
        """Anyone can book this price for one place today, with no condition."""
        today = today or timezone.localdate()
        if self.places != 1:
            return False
        if self.eligibility == Eligibility.ANYONE:
            return True
        return (
            self.eligibility == Eligibility.INTRODUCTORY
            and self.available_until is not None
            and self.available_until >= today
        )

    @property
    def condition_label(self) -> str:
        """Who may book this price, in the active language; empty for anyone."""
        if self.eligibility == Eligibility.TEAM:
            return gettext("for teams booking together")
        if self.eligibility == Eligibility.INTRODUCTORY and self.available_until:
            return gettext("introductory offer until %(date)s") % {
                "date": formats.date_format(self.available_until, "j F Y")
            }
        if self.eligibility == Eligibility.CONDITION:
            return self.condition
        return ""

    @property
    def price(self) -> Decimal:
        return Decimal(0) if self.is_free else (self.amount or Decimal(0))

    @property
    def per_place(self) -> Decimal | None:
        """What one place costs in this tier."""
        if self.is_free:
            return Decimal(0)
        return price_per_place(self.amount, self.places)

    @property
    def discount(self) -> int:
        """Percentage saved per place against the compared price, from the numbers."""
        return discount_percent(self.per_place, self.compared_against)


class CourseFacilitator(Orderable):
    """A facilitator leading a course, in the order they are listed."""

    course = ParentalKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="course_facilitators",
    )
    facilitator = models.ForeignKey(
        "facilitators.FacilitatorPage",
        on_delete=models.CASCADE,
        related_name="course_links",
    )

    panels = [RowFieldPanel("facilitator", widget=FacilitatorChooser)]

    class Meta(Orderable.Meta):
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
