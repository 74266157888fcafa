"""The price, number of places and payer questions a course's booking form adds.

The answers are stored with the submission's other answers, under the keys below:
the price by its tier's translation key (the same in every language), so whoever
reads the submission finds the tier and its places on the source course.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from courses.models import CoursePriceTier, CourseRun
from courses.templatetags.course_tags import money
from forms_app.addresses import is_valid_address

PRICE_FIELD = "price"
PLACES_FIELD = "places"
PAYER_FIELD = "payer"
ORGANISATION_FIELD = "payer_organisation"
FINANCE_EMAIL_FIELD = "finance_email"
PO_FIELD = "purchase_order"
BOOKING_FIELD_NAMES = (
    PRICE_FIELD,
    PLACES_FIELD,
    PAYER_FIELD,
    ORGANISATION_FIELD,
    FINANCE_EMAIL_FIELD,
    PO_FIELD,
)
EMPLOYER_FIELD_NAMES = (ORGANISATION_FIELD, FINANCE_EMAIL_FIELD, PO_FIELD)
EMPLOYER_ONLY = _("Needed when your employer or organisation is paying.")
# More than this in one booking is a conversation with the centre, not a form.
MAX_PLACES = 30


class Payer:
    SELF = "self"
    EMPLOYER = "employer"


def tier_label(tier: CoursePriceTier) -> str:
    """E.g. "Block booking: £400 for 10 places (for teams booking together)"."""
    if tier.is_free:
        price = str(_("free"))
    elif tier.places > 1:
        price = _("%(amount)s for %(places)s places") % {
            "amount": money(tier.price),
            "places": tier.places,
        }
    else:
        price = money(tier.price)
    label = f"{tier.label}: {price}"
    condition = tier.condition_label
    return f"{label} ({condition})" if condition else label


def price_field(tiers: list[CoursePriceTier]) -> forms.ChoiceField:
    """A required choice among the course's current prices, answered by tier key."""
    return forms.ChoiceField(
        label=_("Which price?"),
        choices=[(str(tier.translation_key), tier_label(tier)) for tier in tiers],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a price."),
            "invalid_choice": _("That price is no longer offered. Choose another."),
        },
    )


def places_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("How many places?"),
        initial=1,
        min_value=1,
        max_value=MAX_PLACES,
        help_text=_(
            "How many people you are booking for at this price. A block price books "
            "its own number of places."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter how many places you would like, from 1."),
            "invalid": _("Enter the number of places as a whole number, like 2."),
            "min_value": _("Book at least 1 place."),
            "max_value": _(
                "You can book up to %(limit_value)s places here; for more, please "
                "contact us."
            ),
        },
    )


def payer_fields() -> dict[str, forms.Field]:
    """Who pays; for an employer, the organisation, finance contact and PO number."""
    return {
        PAYER_FIELD: forms.ChoiceField(
            label=_("Who is paying?"),
            choices=[
                (Payer.SELF, _("I am paying myself")),
                (Payer.EMPLOYER, _("My employer or organisation is paying")),
            ],
            widget=forms.RadioSelect,
            error_messages={"required": _("Say who is paying.")},
        ),
        ORGANISATION_FIELD: forms.CharField(
            label=_("Organisation to invoice"),
            required=False,
            max_length=200,
            help_text=EMPLOYER_ONLY,
        ),
        FINANCE_EMAIL_FIELD: forms.EmailField(
            label=_("Finance contact email address"),
            required=False,
            max_length=254,
            help_text=_(
                "Needed when your employer is paying: where we send the invoice."
            ),
        ),
        PO_FIELD: forms.CharField(
            label=_("Purchase order number"),
            required=False,
            max_length=60,
            help_text=EMPLOYER_ONLY,
        ),
    }


def tier_by_key(tiers, key: object) -> CoursePriceTier | None:
    """The tier among `tiers` whose translation key was given as the price answer."""
    return next((t for t in tiers if str(t.translation_key) == key), None)


def places_wanted(tier: CoursePriceTier, number: int) -> int:
    """A block price books its own places; a price per place books the number asked."""
    return tier.places if tier.places > 1 else number


def booking_errors(
    cleaned: dict, tiers: list[CoursePriceTier], run: CourseRun | None
) -> dict[str, str]:
    """What is wrong with the price, places and payer answers, by field."""
    errors = {}
    tier = tier_by_key(tiers, cleaned.get(PRICE_FIELD))
    number = cleaned.get(PLACES_FIELD)
    if tier is not None and number is not None and run is not None:
        wanted = places_wanted(tier, number)
        left = run.places_left
        # A full run's choice is its waiting list, which takes any number.
        if left and wanted > left:
            errors[PLACES_FIELD if tier.places == 1 else PRICE_FIELD] = ngettext(
                "Only %(left)s place is left on these dates: choose fewer places or "
                "other dates.",
                "Only %(left)s places are left on these dates: choose fewer places "
                "or other dates.",
                left,
            ) % {"left": left}
    if cleaned.get(PAYER_FIELD) == Payer.EMPLOYER:
        if not cleaned.get(ORGANISATION_FIELD, "").strip():
            errors[ORGANISATION_FIELD] = _("Enter the organisation we should invoice.")
        email = cleaned.get(FINANCE_EMAIL_FIELD, "")
        if FINANCE_EMAIL_FIELD in cleaned and not email:
            errors[FINANCE_EMAIL_FIELD] = _(
                "Enter the email address of the finance contact for the invoice."
            )
        elif email and not is_valid_address(email):
            errors[FINANCE_EMAIL_FIELD] = _("Enter a valid email address.")
        if not cleaned.get(PO_FIELD, "").strip():
            errors[PO_FIELD] = _(
                "Enter the purchase order number your organisation gave you."
            )
    return errors
