"""Price tiers and facilitators: ordered child rows of a course page."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from courses.rules import discount_claim_error, discount_percent, price_per_place
from courses.widgets import FacilitatorChooser


class CoursePriceTier(TranslatableMixin, Orderable):
    """A price for a course: its label, amount and what a discount is measured from."""

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

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("is_free")]),
        FieldPanel("description"),
        FieldRowPanel(
            [FieldPanel("amount"), FieldPanel("compared_against"), FieldPanel("places")]
        ),
    ]

    override_translatable_fields = [
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
        for name in ("label", "description"):
            message = discount_claim_error(getattr(self, name), self.discount)
            if message:
                errors[name] = message
        if errors:
            raise ValidationError(errors)

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

    panels = [FieldPanel("facilitator", widget=FacilitatorChooser)]

    class Meta(Orderable.Meta):
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
