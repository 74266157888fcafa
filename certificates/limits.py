"""How often one visitor may check codes or ask for a record link, counted in the database.

Each counts in forms_app's rate limiter under its own key prefix, so the
limits neither share counts with form posts nor clear one another's windows.
"""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from forms_app.rate_limits import PostCount, count_hit
from home.client_address import client_ip

VERIFY = "verify"
RECORD = "record"


def count_request(request: HttpRequest, limiter: str) -> PostCount:
    """Count this request against its visitor's window for the limiter named."""
    digest = salted_hmac(
        f"certificates.{limiter}", client_ip(request), algorithm="sha256"
    ).hexdigest()
    limit = {
        VERIFY: settings.CERTIFICATES_VERIFY_RATE_LIMIT,
        RECORD: settings.CERTIFICATES_RECORD_RATE_LIMIT,
    }[limiter]
    return count_hit(
        f"{limiter}:{digest}"[:64],
        limit=limit,
        window=timedelta(seconds=settings.CERTIFICATES_RATE_LIMIT_WINDOW),
    )
