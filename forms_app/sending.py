"""Send a built email over a connection this thread keeps open while emails keep coming.

Opening an SMTP connection (connect, greeting, EHLO, STARTTLS, login) costs more
than sending one message, so a worker draining a queue reuses its connection for
the next email when the last one went out less than EMAIL_CONNECTION_IDLE_SECONDS
ago, well inside the few minutes a mail server keeps an idle client. Any failure
closes the connection, so the retry starts on a fresh one. 0 turns reuse off.
"""

import threading
import time

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend

_local = threading.local()


def _settings_key() -> tuple:
    """What the connection was made from: a change (e.g. in tests) means a new one."""
    return (
        settings.EMAIL_BACKEND,
        getattr(settings, "EMAIL_HOST", None),
        getattr(settings, "EMAIL_PORT", None),
        getattr(settings, "EMAIL_HOST_USER", None),
        getattr(settings, "EMAIL_USE_TLS", None),
        getattr(settings, "EMAIL_USE_SSL", None),
        getattr(settings, "EMAIL_TIMEOUT", None),
        repr(getattr(settings, "ANYMAIL", None)),
    )


def close_connection() -> None:
    """Close this thread's kept connection, if any."""
    connection = getattr(_local, "connection", None)
    _local.connection = None
    if connection is not None:
        connection.close()


def _kept_connection(idle_seconds: float) -> BaseEmailBackend:
    key = _settings_key()
    fresh = (
        getattr(_local, "connection", None) is not None
        and _local.key == key
        and time.monotonic() - _local.last_used < idle_seconds
    )
    if not fresh:
        close_connection()
        _local.connection = get_connection()
        _local.key = key
    return _local.connection


def send_message(message: EmailMessage) -> None:
    """Send the message, reusing this thread's open connection when it is fresh."""
    idle_seconds = settings.EMAIL_CONNECTION_IDLE_SECONDS
    if idle_seconds <= 0:
        message.send()
        return
    message.connection = _kept_connection(idle_seconds)
    try:
        message.connection.open()
        message.send()
    except BaseException:
        close_connection()
        raise
    _local.last_used = time.monotonic()
