"""Describe email failures by code and a fixed reason, never by the provider's words.

Exception messages and provider descriptions echo the recipient's name and address
and sometimes the message itself; what is stored, logged or sent to operations is
built only from classes, status codes and the phrases below.
"""

import os
import re
import smtplib
from http import HTTPStatus

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused

from forms_app.addresses import InvalidRecipientError

# Anything shaped like an address, with or without angle brackets.
ADDRESS_LIKE = re.compile(r"\S+@\S+")
SMTP_CODE = re.compile(r"(?<!\d)([245]\d\d)(?!\d)")
# RFC 5321's meanings of the reply codes a send can fail with.
SMTP_REASONS = {
    421: "service not available",
    450: "mailbox unavailable",
    451: "local error in processing",
    452: "insufficient storage",
    454: "temporary authentication failure",
    500: "syntax error",
    501: "syntax error in parameters",
    503: "bad sequence of commands",
    530: "authentication required",
    534: "authentication mechanism too weak",
    535: "authentication failed",
    550: "mailbox unavailable",
    551: "user not local",
    552: "storage allocation exceeded",
    553: "mailbox name not allowed",
    554: "transaction failed",
    555: "parameters not recognised",
}
FIXED_REASONS = {
    AnymailRecipientsRefused: "recipient refused",
    InvalidRecipientError: "not a single valid address",
    TimeoutError: "timed out",
    smtplib.SMTPServerDisconnected: "server disconnected",
}


def without_addresses(text: str) -> str:
    """The text with anything that looks like an email address replaced."""
    return ADDRESS_LIKE.sub("[address]", text)


def smtp_reason(code: int) -> str:
    """The code with its standard meaning, e.g. "550 mailbox unavailable"."""
    reason = SMTP_REASONS.get(code, "")
    return f"{code} {reason}".strip()


def _detail(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _reply in error.recipients.values()})
        return ", ".join(smtp_reason(code) for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return smtp_reason(int(error.smtp_code))
    if isinstance(error, AnymailAPIError) and error.status_code:
        try:
            phrase = HTTPStatus(int(error.status_code)).phrase
        except ValueError:
            phrase = ""
        return f"HTTP {error.status_code} {phrase}".strip()
    if isinstance(error, smtplib.SMTPServerDisconnected) and isinstance(
        error.__context__, TimeoutError
    ):
        return FIXED_REASONS[TimeoutError]
    for kind, reason in FIXED_REASONS.items():
        if isinstance(error, kind):
            return reason
    if isinstance(error, OSError) and isinstance(error.errno, int):
        return f"[Errno {error.errno}] {os.strerror(error.errno)}"
    return ""


def describe_error(error: BaseException) -> str:
    """The error's class, code and a fixed reason, e.g. "SMTPRecipientsRefused: 550 ..."."""
    try:
        detail = _detail(error)
    except Exception:  # describing a failure must never lose the failure itself
        detail = ""
    name = type(error).__name__
    return without_addresses(f"{name}: {detail}" if detail else name)[:200]


def describe_tracking_event(
    event_type: str, reject_reason: str | None, mta_response: str | None
) -> str:
    """A provider event by its type, anymail's reason word and the SMTP code only."""
    parts = [reject_reason or ""]
    if code := SMTP_CODE.search(mta_response or ""):
        parts.append(code.group(1))
    detail = ", ".join(part for part in parts if part)
    return without_addresses(f"{event_type}: {detail}" if detail else str(event_type))
