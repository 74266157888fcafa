"""Forget a person's feedback when staff erase them: their ratings stay counted."""

from django.dispatch import receiver
from django.utils import timezone

from certificates.models import FeedbackRequest, FeedbackResponse
from courses.models import ConsentRecord, Testimonial
from forms_app.signals import person_erased

ERASED_NOTE = "The person was erased."


@receiver(person_erased)
def forget_feedback(sender, email: str, **kwargs) -> int:
    """Blank who answered, withdraw any consent they gave to be quoted (which takes
    their quotes off the site) and forget who gave it; how many records changed."""
    requests = FeedbackRequest.objects.filter(email__iexact=email)
    changed = FeedbackResponse.objects.filter(request__in=requests).update(
        shown_name="", role=""
    )
    changed += requests.update(name="", email="")
    today = timezone.localdate()
    for consent in ConsentRecord.objects.filter(email__iexact=email):
        if consent.withdrawn_on is None:
            consent.withdrawn_on = today
            consent.withdrawal_note = ERASED_NOTE
        consent.name = consent.email = consent.shown_name = ""
        consent.save()
        changed += 1 + Testimonial.objects.filter(consent=consent).update(name="")
    return changed
