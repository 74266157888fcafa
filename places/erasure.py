"""Forget a person when staff erase them: their places stay counted, but anonymous."""

from django.dispatch import receiver

from forms_app.models import Delivery
from forms_app.signals import person_erased
from places.models import Booking, FollowUpInvitation, Place


@receiver(person_erased)
def forget_person(sender, email: str, **kwargs) -> int:
    """Blank the person's name and address on places and bookings, drop their
    follow-up invitations and the stored messages to them; how many records changed.

    Seats stay taken (a booking someone paid for is still a booking); only who it
    was is forgotten.
    """
    changed = Place.objects.filter(email__iexact=email).update(name="", email="")
    changed += Booking.objects.filter(lead_email__iexact=email).update(
        lead_name="", lead_email=""
    )
    changed += Booking.objects.filter(finance_email__iexact=email).update(
        finance_email=""
    )
    changed += FollowUpInvitation.objects.filter(email__iexact=email).delete()[0]
    changed += Delivery.objects.filter(
        kind=Delivery.Kind.MESSAGE, recipient__iexact=email
    ).delete()[0]
    return changed
