"""A booking: the price, places and payer a submission asked for, and its lead's emails."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from courses.models import CoursePriceTier, CourseRun
from forms_app.bookings import (
    FINANCE_EMAIL_FIELD,
    ORGANISATION_FIELD,
    PAYER_FIELD,
    PLACES_FIELD,
    PO_FIELD,
    PRICE_FIELD,
)
from forms_app.models import Delivery, Submission
from forms_app.outbox import queue_message
from places.links import Action, link_for
from places.models import HOLDING, Booking, Payer


@dataclass(frozen=True)
class Terms:
    """What a submission's answers ask to book and who pays, read once."""

    tier: CoursePriceTier | None
    places: int
    payer: str
    organisation: str
    finance_email: str
    purchase_order: str

    @property
    def needs_booking(self) -> bool:
        """A price or a payer was asked for: there is something to invoice or name."""
        return self.tier is not None or bool(self.payer) or self.places > 1


def terms_of(submission: Submission) -> Terms:
    """The booking terms in the submission's answers; one place when none are given."""
    answers = submission.form_data or {}
    tier = None
    if answers.get(PRICE_FIELD) and submission.course_page_id:
        tier = CoursePriceTier.objects.filter(
            course_id=submission.course_page_id,
            translation_key=answers[PRICE_FIELD],
        ).first()
    places = answers.get(PLACES_FIELD)
    payer = answers.get(PAYER_FIELD, "")
    return Terms(
        tier=tier,
        places=places if isinstance(places, int) and places > 0 else 1,
        payer=payer if payer in Payer.values else "",
        organisation=answers.get(ORGANISATION_FIELD, ""),
        finance_email=answers.get(FINANCE_EMAIL_FIELD, ""),
        purchase_order=answers.get(PO_FIELD, ""),
    )


def record_booking(submission: Submission, run: CourseRun, terms: Terms) -> Booking:
    """The booking row, with the chosen price as it stands today."""
    tier = terms.tier
    return Booking.objects.create(
        submission=submission,
        run=run,
        tier_label=tier.label if tier else "",
        amount=booking_amount(tier, terms.places),
        places_booked=terms.places,
        lead_name=submission.contact_name,
        lead_email=submission.contact_email,
        language=submission.locale.language_code if submission.locale_id else "en",
        payer=terms.payer,
        organisation=terms.organisation,
        finance_email=terms.finance_email,
        purchase_order=terms.purchase_order,
    )


def booking_amount(tier: CoursePriceTier | None, places: int) -> Decimal | None:
    """A block's price, or the price of one place times the places booked."""
    if tier is None:
        return None
    if tier.places > 1:
        return tier.price
    return tier.price * places


def email_lead_to_name(booking: Booking) -> Delivery | None:
    """Send the lead the link to name the people on the booking's places (once)."""
    first = booking.places.order_by("pk").first()
    if first is None:
        return None
    with translation.override(booking.language or settings.LANGUAGE_CODE):
        run = booking.run
        locale = Locale.objects.filter(language_code=booking.language).first()
        if locale is not None:
            run = run.in_locale(locale)
        text = render_to_string(
            "places/emails/name_people.txt",
            {
                "booking": booking,
                "run": run,
                "course": run.course,
                "held": first.status in HOLDING,
                "name_url": link_for(first, Action.NAME),
            },
        )
    subject, _sep, body = text.strip().partition("\n")
    return queue_message(
        booking.lead_email,
        subject.strip(),
        body.strip() + "\n",
        rule="place:name_people",
        key=f"booking:{booking.pk}:name",
        submission=booking.submission,
    )
