"""How django-axes sees a login attempt: the client's address, a log line, the lockout page."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from home.client_address import client_ip, is_address


def client_address(request: HttpRequest) -> str | None:
    """The address a lockout applies to, read as the forms' rate limit reads it.

    None when the request carries none (a test client's force_login, a management
    command): axes stores the address in an IP column that PostgreSQL checks.
    """
    address = client_ip(request)
    return address if is_address(address) else None


def client_description(
    username: str, ip_address: str, user_agent: str, path_info: str, request
) -> str:
    """What axes writes to the log about an attempt: the path, never who or where from."""
    if isinstance(path_info, list | tuple):
        path_info = path_info[0]
    return f"login attempt at {path_info}"


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The lockout page, saying when to try again in the site's time zone (UK time).

    Every attempt during a lockout restarts the cool-off, so it ends one cool-off
    from now. The page is the same whether or not the username exists.
    """
    ends = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    # Shown to the minute: round up, so the time shown is never too early.
    retry_at = ends.replace(second=0, microsecond=0) + timedelta(minutes=1)
    response = render(
        request,
        "accounts/locked_out.html",
        {"retry_at": retry_at, "minutes": _minutes(settings.AXES_COOLOFF_TIME)},
        status=429,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)
