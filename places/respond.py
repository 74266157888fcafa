"""What a link in an email about a place shows and does, for `places.views.respond`."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from places.links import Action
from places.models import Place, Status
from places.offers import Outcome, accept, decline_offer, give_up

# The question each link's page asks and the label of its one button.
QUESTIONS = {
    Action.ACCEPT: (_("Accept your place"), _("Accept the place")),
    Action.DECLINE: (_("Decline your offer"), _("Decline the offer")),
    Action.CANCEL: (_("Give up your place"), _("Give up my place")),
}
# Statuses in which each link can still do something.
ACTIONABLE = {
    Action.ACCEPT: {Status.OFFERED, Status.LAPSED},
    Action.DECLINE: {Status.OFFERED},
    Action.CANCEL: {
        Status.RECEIVED,
        Status.OFFERED,
        Status.ACCEPTED,
        Status.WAITLISTED,
    },
}
DO = {Action.ACCEPT: accept, Action.DECLINE: decline_offer, Action.CANCEL: give_up}


def describe(place: Place, action: str, language: str) -> dict:
    """The course, run and status in the reader's language, and whether to ask."""
    place.refresh_from_db()
    run = place.run
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None:
        run = run.in_locale(locale)
    heading, button = QUESTIONS[action]
    return {
        "place": place,
        "run": run,
        "course": run.course,
        "heading": heading,
        "button": button,
        "can_act": place.status in ACTIONABLE[action],
        "offer_lapsed": place.status == Status.LAPSED
        or (
            place.status == Status.OFFERED
            and place.offer_expires_at is not None
            and place.offer_expires_at <= timezone.now()
        ),
    }


def respond_to(place: Place, action: str) -> Outcome:
    return DO[action](place)
