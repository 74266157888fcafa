"""The places app's periodic work, run by the task workers with the outbox's jobs."""

from django.conf import settings

from courses.freshness import retire_pages_if_consent_lapsed
from forms_app.periodic import Job, register_job
from places.followups import INTERVAL_SECONDS, invite_graduates
from places.offers import lapse_offers
from places.reminders import REMINDER_INTERVAL_SECONDS, send_reminders_now

LAPSE_OFFERS = Job(
    "lapse_offers", lapse_offers, lambda: settings.PLACES_LAPSE_INTERVAL_SECONDS
)
FOLLOW_UP_INVITATIONS = Job(
    "follow_up_invitations", invite_graduates, lambda: INTERVAL_SECONDS
)

REMINDERS = Job("reminders", send_reminders_now, lambda: REMINDER_INTERVAL_SECONDS)

# Hourly: a testimonial whose consent lapsed leaves every cached page at once.
PAGE_CACHE_CONSENTS = Job(
    "page_cache_consents", retire_pages_if_consent_lapsed, lambda: 3600
)


def register_periodic_jobs() -> None:
    """Let the workers lapse offers, invite graduates and send reminders when due."""
    register_job(LAPSE_OFFERS)
    register_job(FOLLOW_UP_INVITATIONS)
    register_job(REMINDERS)
    register_job(PAGE_CACHE_CONSENTS)
