"""`manage.py purge_login_records`: axes' records older than LOGIN_RECORDS_KEEP_DAYS go."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def records(days_ago: int, tag: str) -> None:
    when = timezone.now() - timedelta(days=days_ago)
    common = {"user_agent": "test", "ip_address": "203.0.113.5", "path_info": "/"}
    attempt = AccessAttempt.objects.create(
        username=f"{tag}-attempt", failures_since_start=1, **common
    )
    log = AccessLog.objects.create(username=f"{tag}-log", **common)
    failure = AccessFailureLog.objects.create(
        username=f"{tag}-failure", locked_out=False, **common
    )
    # attempt_time is set on creation; move it back.
    for model, row in ((AccessAttempt, attempt), (AccessLog, log)):
        model.objects.filter(pk=row.pk).update(attempt_time=when)
    AccessFailureLog.objects.filter(pk=failure.pk).update(attempt_time=when)


def usernames() -> set[str]:
    return {
        *AccessAttempt.objects.values_list("username", flat=True),
        *AccessLog.objects.values_list("username", flat=True),
        *AccessFailureLog.objects.values_list("username", flat=True),
    }


def test_old_login_records_go_and_recent_ones_stay(settings):
    settings.LOGIN_RECORDS_KEEP_DAYS = 30
    records(31, "old")
    records(29, "recent")
    output = StringIO()
    call_command("purge_login_records", stdout=output)
    assert usernames() == {"recent-attempt", "recent-log", "recent-failure"}
    assert output.getvalue().strip() == (
        "Deleted 1 attempts, 1 access logs, 1 failure logs."
    )
    assert "old" not in output.getvalue()


def test_the_default_keeps_ninety_days():
    records(91, "old")
    records(89, "recent")
    call_command("purge_login_records", stdout=StringIO())
    assert usernames() == {"recent-attempt", "recent-log", "recent-failure"}
