"""System checks for the email outbox's settings."""

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


def send_time_limit() -> float:
    """The longest a provider may take to answer one step of a send, in seconds."""
    limits = [float(getattr(settings, "EMAIL_TIMEOUT", None) or 0)]
    timeout = getattr(settings, "ANYMAIL", {}).get("REQUESTS_TIMEOUT")
    if isinstance(timeout, tuple | list):
        limits.append(float(sum(timeout)))
    elif timeout:
        limits.append(float(timeout))
    return max(limits)


@register()
def stuck_limit_outlasts_a_send(app_configs, **kwargs) -> list[CheckMessage]:
    """The sweep may re-send a `sending` email only once its send has surely ended."""
    limit = send_time_limit()
    if limit < settings.EMAIL_STUCK_SECONDS:
        return []
    return [
        Error(
            f"EMAIL_STUCK_SECONDS ({settings.EMAIL_STUCK_SECONDS}) must be longer "
            f"than the email send time limit ({limit:g} s, EMAIL_TIMEOUT).",
            hint="A shorter limit lets the sweep re-send an email that is still "
            "being sent. Raise EMAIL_STUCK_SECONDS (default 900).",
            id="forms_app.E001",
        )
    ]
