"""The feedback form and what a person's answers become.

A "yes" to being quoted records a ConsentRecord with the wording exactly as it was
shown (in the language shown) and a draft Testimonial on the source-language course
and run. Only an editor's publishing puts it on the site, and only while its
consent stands (courses.models.testimonials).
"""

from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from certificates.models import FeedbackRequest, FeedbackResponse, QuoteChoice
from courses.models import Attribution, ConsentRecord, ConsentSource, Testimonial

CONSENT_WORDING = _(
    "I agree that the centre may show the words I give below on its website and in "
    "its course materials, attributed as I choose, for three years from today. I can "
    "withdraw my consent at any time and my words will be removed from the website."
)
ATTRIBUTION_FOR = {
    QuoteChoice.NAMED: Attribution.NAMED,
    QuoteChoice.ROLE: Attribution.ROLE,
    QuoteChoice.ANONYMOUS: Attribution.ANONYMOUS,
}
NEEDS_ROLE = (QuoteChoice.NAMED, QuoteChoice.ROLE)


class AlreadyAnswered(Exception):
    """A feedback request takes one set of answers."""


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Overall, how would you rate the course?"),
        help_text=_("1 is poor, 5 is excellent."),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    helped = forms.CharField(
        label=_("What helped you most?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    to_change = forms.CharField(
        label=_("What should we change?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    quote_choice = forms.ChoiceField(
        label=_("May we quote you?"),
        choices=QuoteChoice.choices,
        initial=QuoteChoice.NO,
        widget=forms.RadioSelect,
    )
    quote = forms.CharField(
        label=_("The words we may quote"),
        help_text=_(
            "Leave empty to let us quote your answer to “What helped you most?”, or "
            "edit it to the words you are happy to see published."
        ),
        max_length=800,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    role = forms.CharField(
        label=_("Your role"),
        help_text=_("E.g. Nurse, memory service. Needed if we may show your role."),
        max_length=120,
        required=False,
    )
    shown_name = forms.CharField(
        label=_("Your name as it should appear"),
        help_text=_("Only shown if you chose to be quoted with your name."),
        max_length=120,
        required=False,
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        choice = cleaned.get("quote_choice")
        if choice in NEEDS_ROLE and not cleaned.get("role", "").strip():
            self.add_error("role", _("Give your role, or choose to be anonymous."))
        if choice == QuoteChoice.NAMED and not cleaned.get("shown_name", "").strip():
            self.add_error("shown_name", _("Give your name as it should appear."))
        if choice and choice != QuoteChoice.NO:
            cleaned["quote"] = (cleaned.get("quote") or "").strip() or (
                cleaned.get("helped") or ""
            ).strip()[:800]
            if not cleaned["quote"]:
                self.add_error(
                    "quote", _("Write the words we may quote, or choose “No”.")
                )
        return cleaned

    def describe_errors(self) -> None:
        """Tie each error message to its input with aria-describedby."""
        for bound in self:
            if bound.errors:
                bound.field.widget.attrs["aria-invalid"] = "true"
                if not bound.use_fieldset:
                    bound.field.widget.attrs["aria-describedby"] = (
                        f"{bound.auto_id}-error"
                    )


def form_for(request: FeedbackRequest, data=None) -> FeedbackForm:
    """The form, offering the person's own name to appear under a named quote."""
    return FeedbackForm(data, initial={"shown_name": request.name})


def record_answers(
    request: FeedbackRequest, cleaned: dict, now: datetime | None = None
) -> FeedbackResponse:
    """Store one set of answers (raises AlreadyAnswered for a second), consent included.

    Call it with the language the form was shown in active: the consent records the
    wording in that language.
    """
    now = now or timezone.now()
    with transaction.atomic():
        claimed = FeedbackRequest.objects.filter(
            pk=request.pk, answered_at__isnull=True
        ).update(answered_at=now)
        if not claimed:
            raise AlreadyAnswered
        choice = QuoteChoice(cleaned["quote_choice"])
        response = FeedbackResponse(
            request=request,
            rating=cleaned["rating"],
            helped=cleaned.get("helped", ""),
            to_change=cleaned.get("to_change", ""),
            quote_choice=choice,
            role=cleaned.get("role", "") if choice in NEEDS_ROLE else "",
            shown_name=cleaned.get("shown_name", "")
            if choice == QuoteChoice.NAMED
            else "",
            quote=cleaned.get("quote", "") if choice != QuoteChoice.NO else "",
            submitted_at=now,
        )
        if choice != QuoteChoice.NO:
            response.consent = record_consent(request, response, now)
            response.testimonial = draft_testimonial(request, response)
        response.save()
    request.answered_at = now
    return response


def record_consent(
    request: FeedbackRequest, response: FeedbackResponse, now: datetime
) -> ConsentRecord:
    """The person's consent, in the words and language the form showed them."""
    today = timezone.localdate(now)
    return ConsentRecord.objects.create(
        name=request.name,
        email=request.email,
        given_on=today,
        wording=str(CONSENT_WORDING),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        attribution=ATTRIBUTION_FOR[response.quote_choice],
        shown_name=response.shown_name,
        shown_role=response.role,
        expires_on=today + timedelta(days=settings.FEEDBACK_CONSENT_DAYS),
        source=ConsentSource.FEEDBACK_FORM,
        recorded_at=now,
    )


def draft_testimonial(
    request: FeedbackRequest, response: FeedbackResponse
) -> Testimonial:
    """A draft quote on the source-language course and run, for an editor to review."""
    run = request.run
    testimonial = Testimonial(
        quote=response.quote,
        attribution=response.consent.attribution,
        name=response.shown_name,
        role=response.role,
        course=run.course,
        run=run,
        consent=response.consent,
        locale_id=run.locale_id,
        live=False,
        has_unpublished_changes=True,
    )
    testimonial.save()
    testimonial.save_revision(log_action=False)
    return testimonial
