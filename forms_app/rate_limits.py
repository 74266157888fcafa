"""How many forms each visitor has posted lately, counted in the database by every process.

Each visitor (a keyed hash of their address) has one row: when their window
started and how many posts it has counted. A post adds one with a single
UPDATE, so concurrent requests in any number of processes never lose a count,
and the first post after a window ends starts the next in the same statement.
Rows of ended windows are deleted whenever a new visitor's row is added, only
among keys of the same limiter (the text before a key's colon, if any), since
each limiter has its own window.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from forms_app.models import RateLimitCounter
from home.client_address import client_ip

KEY_SALT = "forms_app.rate-limit"


@dataclass(frozen=True)
class PostCount:
    """The posts counted in a visitor's current window, and when that window ends."""

    count: int
    limit: int
    resets_at: datetime

    @property
    def exceeded(self) -> bool:
        return self.count > self.limit

    def seconds_left(self, now: datetime | None = None) -> int:
        """Whole seconds until the window ends, at least one."""
        left = (self.resets_at - (now or timezone.now())).total_seconds()
        return max(1, math.ceil(left))


def count_form_post(request: HttpRequest) -> PostCount:
    """Count this POST against its visitor's window, shared by every process."""
    key = salted_hmac(KEY_SALT, client_ip(request), algorithm="sha256").hexdigest()
    return count_hit(
        key,
        limit=settings.FORMS_RATE_LIMIT,
        window=timedelta(seconds=settings.FORMS_RATE_LIMIT_WINDOW),
    )


def same_limiter(key: str):
    """Counters of the limiter that owns this key: "verify:…" keys, or plain ones."""
    scope, colon, _digest = key.partition(":")
    if colon:
        return RateLimitCounter.objects.filter(key__startswith=f"{scope}:")
    return RateLimitCounter.objects.exclude(key__contains=":")


def count_hit(
    key: str, *, limit: int, window: timedelta, now: datetime | None = None
) -> PostCount:
    """Add one to the key's count in one atomic UPDATE, starting a new window if due."""
    now = now or timezone.now()
    ended = Q(window_start__lte=now - window)
    counter = RateLimitCounter.objects.filter(key=key)
    # Both expressions read the row as it was before this UPDATE.
    add_one = {
        "count": Case(When(ended, then=Value(1)), default=F("count") + 1),
        "window_start": Case(When(ended, then=Value(now)), default=F("window_start")),
    }
    with transaction.atomic():
        if not counter.update(**add_one):
            same_limiter(key).filter(ended).delete()
            # Another process may add the same row first: then count on theirs.
            RateLimitCounter.objects.bulk_create(
                [RateLimitCounter(key=key, window_start=now, count=0)],
                ignore_conflicts=True,
            )
            counter.update(**add_one)
        # Read inside the transaction, so this is the count this post made.
        count, started = counter.values_list("count", "window_start").get()
    return PostCount(count=count, limit=limit, resets_at=started + window)
