"""Current lockouts as staff see them, unlocking one, and pruning old login records.

Axes keeps one AccessAttempt per username and address; a pair is locked out while
its failures reach AXES_FAILURE_LIMIT and its last attempt is within the cool-off.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def may_unlock(user) -> bool:
    return user.is_superuser or user.has_perm(UNLOCK_PERMISSION)


@dataclass(frozen=True)
class Lockout:
    pk: int
    username: str
    address: str  # masked: the first half only
    failures: int
    last_attempt: datetime
    ends: datetime


def mask_address(address: str | None) -> str:
    """Enough of the address to tell lockouts apart, not enough to name a household."""
    if not address:
        return "?"
    if ":" in address:
        return ":".join(address.split(":")[:2]) + ":…"
    return ".".join(address.split(".")[:2]) + ".x.x"


def _current():
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gt=since,
    )


def current_lockouts() -> list[Lockout]:
    return [
        Lockout(
            pk=attempt.pk,
            username=attempt.username or "",
            address=mask_address(attempt.ip_address),
            failures=attempt.failures_since_start,
            last_attempt=attempt.attempt_time,
            ends=attempt.attempt_time + settings.AXES_COOLOFF_TIME,
        )
        for attempt in _current().order_by("-attempt_time")
    ]


def unlock(pk: int) -> str | None:
    """Clear the username and address pair of lockout `pk`; its username, or None
    if it had already ended or been cleared."""
    attempt = _current().filter(pk=pk).first()
    if attempt is None:
        return None
    AxesProxyHandler.reset_attempts(
        username=attempt.username, ip_address=attempt.ip_address
    )
    return attempt.username


def prune_login_records() -> dict[str, int]:
    """Delete axes' attempts and logs older than LOGIN_RECORDS_KEEP_DAYS; counts."""
    days = settings.LOGIN_RECORDS_KEEP_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    counts = {}
    for label, model in (
        ("attempts", AccessAttempt),
        ("access logs", AccessLog),
        ("failure logs", AccessFailureLog),
    ):
        counts[label], _by_model = model.objects.filter(
            attempt_time__lt=cutoff
        ).delete()
    return counts
