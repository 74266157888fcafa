"""Spam signals: the honeypot and the signed time-trap."""

import time
import uuid

from django.conf import settings
from django.core import signing

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
