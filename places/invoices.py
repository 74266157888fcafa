"""Invoices and payments of bookings, marked by staff, and the bookings export."""

from collections.abc import Iterator

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from forms_app.exports import local_moment_text, neutralise_formula
from places.models import Booking

EXPORT_HEADINGS = (
    "Reference",
    "Booked at",
    "Course",
    "Run",
    "Price",
    "Amount",
    "Places",
    "Places named",
    "Places unnamed",
    "Booked by",
    "Email",
    "Who pays",
    "Organisation",
    "Finance contact email",
    "Purchase order",
    "Invoiced at",
    "Invoiced by",
    "Paid at",
    "Paid by",
)


def mark_invoiced(booking: Booking, user) -> bool:
    """Record that the booking was invoiced, by whom and when; False if it already was."""
    return bool(
        Booking.objects.filter(pk=booking.pk, invoiced_at__isnull=True).update(
            invoiced_at=timezone.now(), invoiced_by=user
        )
    )


def mark_paid(booking: Booking, user) -> bool:
    """Record that the booking was paid, by whom and when; False if it already was."""
    return bool(
        Booking.objects.filter(pk=booking.pk, paid_at__isnull=True).update(
            paid_at=timezone.now(), paid_by=user
        )
    )


def with_named_counts(bookings: QuerySet) -> QuerySet:
    """Bookings with `named` and `unnamed` place counts, for lists and exports."""
    return bookings.annotate(
        named=Count("places", filter=~Q(places__email="")),
        unnamed=Count("places", filter=Q(places__email="")),
    )


def export_rows(bookings: QuerySet) -> Iterator[list]:
    """The headings, then one row per booking, safe to open in a spreadsheet."""
    yield list(EXPORT_HEADINGS)
    rows = with_named_counts(bookings).select_related(
        "submission", "run", "run__course", "invoiced_by", "paid_by"
    )
    for booking in rows:
        yield [
            neutralise_formula(value)
            for value in (
                booking.submission.reference if booking.submission_id else "",
                local_moment_text(booking.created_at),
                booking.run.course.title,
                booking.run.title,
                booking.tier_label,
                "" if booking.amount is None else f"{booking.amount:.2f}",
                booking.places_booked,
                booking.named,
                booking.unnamed,
                booking.lead_name,
                booking.lead_email,
                booking.get_payer_display(),
                booking.organisation,
                booking.finance_email,
                booking.purchase_order,
                _moment(booking.invoiced_at),
                _username(booking.invoiced_by),
                _moment(booking.paid_at),
                _username(booking.paid_by),
            )
        ]


def _moment(value) -> str:
    return local_moment_text(value) if value else ""


def _username(user) -> str:
    return user.get_username() if user is not None else ""
