"""The visitor's address behind the proxies the site is told to trust."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def is_address(value: str) -> bool:
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
    ignored, so a forged header cannot dodge a rate limit or a login lockout.
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
    return candidate if is_address(candidate) else remote
