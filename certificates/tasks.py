"""The certificates app's periodic work, run by the task workers with the outbox's jobs."""

from certificates.feedback import INTERVAL_SECONDS, request_feedback
from forms_app.periodic import Job, register_job

FEEDBACK_REQUESTS = Job("feedback_requests", request_feedback, lambda: INTERVAL_SECONDS)


def register_periodic_jobs() -> None:
    """Let the workers ask for feedback once a run's last core session has ended."""
    register_job(FEEDBACK_REQUESTS)
