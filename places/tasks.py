"""The places app's periodic work, run by the task workers with the outbox's jobs."""

from django.conf import settings

from forms_app.periodic import Job, register
from places.offers import lapse_offers

LAPSE_OFFERS = Job(
    "lapse_offers", lapse_offers, lambda: settings.PLACES_LAPSE_INTERVAL_SECONDS
)


def register_periodic_jobs() -> None:
    """Let the workers lapse unanswered offers (and offer the seats on) when due."""
    register(LAPSE_OFFERS)
