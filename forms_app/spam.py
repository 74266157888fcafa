"""Spam signals (honeypot, signed time-trap) and the visitor's address behind proxies."""

import ipaddress
import time
import uuid

from django.conf import settings
from django.core import signing
from django.http import HttpRequest

TOKEN_SALT = "forms_app.form-token"  # noqa: S105 - a signing salt, not a secret


def issue_form_token(issued_at: float | None = None) -> str:
    """A signed token carrying a fresh idempotency key and the time the form was shown."""
    payload = {
        "k": uuid.uuid4().hex,
        "t": int(issued_at if issued_at is not None else time.time()),
    }
    return signing.dumps(payload, salt=TOKEN_SALT)


def read_form_token(token: str) -> dict | None:
    """The token's key and time, or None when it is missing or tampered with."""
    try:
        payload = signing.loads(token or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("k"), str):
        return None
    if not isinstance(payload.get("t"), int):
        return None
    return payload


def spam_reason(form, now: float | None = None) -> str:
    """Why a valid submission looks automated ("" when it does not)."""
    if form.cleaned_data.get("website"):
        return "honeypot"
    payload = read_form_token(form.cleaned_data.get("form_token", ""))
    if payload is None:
        return "missing-token"
    elapsed = (now if now is not None else time.time()) - payload["t"]
    if elapsed < settings.FORMS_MIN_FILL_SECONDS:
        return "too-fast"
    return ""


def idempotency_key(form) -> str | None:
    """The key from a valid form token, shared by every POST of one rendered form."""
    payload = read_form_token(form.cleaned_data.get("form_token", ""))
    return payload["k"] if payload else None


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, looking past the proxies the site is told to trust.

    Behind TRUSTED_PROXY_COUNT proxies (a load balancer is one), REMOTE_ADDR is
    the last proxy and each proxy appended the address it saw to
    X-Forwarded-For. The visitor is the entry that many places from the right
    of that chain; anything further left was written by the visitor and is
    ignored, so a forged header cannot dodge the rate limit.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part.strip() for part in forwarded.split(",") if part.strip()]
    chain.append(remote)
    # Fewer entries than proxies: the request skipped a proxy; take the oldest.
    candidate = chain[max(len(chain) - 1 - proxies, 0)]
    return candidate if _is_address(candidate) else remote
