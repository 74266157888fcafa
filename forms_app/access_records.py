"""Recording access to applicant data: references and counts, never what was sent."""

from django.conf import settings

from forms_app.models import AccessRecord, Submission

Action = AccessRecord.Action


def record_access(user, action: str, subject: str) -> AccessRecord:
    """One record of who did what; `subject` must name no person, only references."""
    return AccessRecord.objects.create(
        user=user if user.is_authenticated else None, action=action, subject=subject
    )


def submission_subject(submission: Submission) -> str:
    return f"submission {submission.reference}"


def count_subject(count: int, where: str) -> str:
    return f"{count} submissions {where}"


def prune_access_records() -> int:
    """Delete records older than ACCESS_RECORD_RETENTION_DAYS; returns how many."""
    old = AccessRecord.objects.older_than(settings.ACCESS_RECORD_RETENTION_DAYS)
    count, _ = old.delete()
    return count
