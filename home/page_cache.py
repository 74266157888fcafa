"""A shared full-page cache for anonymous visitors, answered before any other work.

`PageCacheMiddleware` sits right after SecurityMiddleware and WhiteNoise: on the
way in it answers a stored copy (one cache read, no session, auth, two-factor,
axes or CSP work); on the way out it stores the response as it left the whole
stack, security and CSP headers included. In production most hits never reach
it: home.cached_hits answers them in front of Django's handler by the same
rules. Every entry carries the site-wide generation read before rendering;
`invalidate()` replaces it, so one change retires every page.
See docs/decisions/0026-page-cache.md and 0030-cached-hits.md.
"""

import hashlib
import logging
import re
import uuid
from collections.abc import Callable
from contextlib import nullcontext
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.security import SecurityMiddleware
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path, get_language_from_request
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"
# Set in the WSGI environ when the read in front of Django failed (cached_hits).
CACHE_FAILED = "home.page_cache.failed"
# Part of every page's key: entries stored in an older shape are never read.
ENTRY_FORMAT = "v2"
# Browsers keep a page briefly; shared caches (a CDN) as long as we do.
BROWSER_MAX_AGE = 60
CACHEABLE_TYPES = (
    "text/html",
    "application/atom+xml",
    "application/xml",
    "text/calendar",
)
PRIVATE_COOKIES = ("csrftoken", "messages")
# The test Django's GZipMiddleware applies (django.utils.text._re_accepts_gzip).
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
UNCACHEABLE_CONTROL = ("private", "no-store", "no-cache")

# Callables giving the next moment a page could change with no save (a session
# starting, a consent lapsing); apps above register them in their ready().
_change_sources: list[Callable[[datetime], datetime | None]] = []


# Called by every invalidate(), e.g. to purge a CDN; home's ready() registers it.
_invalidation_listeners: list[Callable[[], None]] = []


def on_invalidate(listener: Callable[[], None]) -> None:
    """Call `listener` whenever every page is retired."""
    if listener not in _invalidation_listeners:
        _invalidation_listeners.append(listener)


def register_change_source(source: Callable[[datetime], datetime | None]) -> None:
    """Add a function giving the next time after `now` that shown content changes."""
    if source not in _change_sources:
        _change_sources.append(source)


def page_cache() -> BaseCache:
    return caches[CACHE_ALIAS]


def _unavailable(error: Exception) -> None:
    # A cache that is down (Redis gone, table missing) costs speed, never a page
    # or an edit; the log names the error's class only.
    logger.warning("Page cache unavailable (%s)", type(error).__name__)


def _savepoint_if_in_transaction():
    """A database cache's failing query must not spoil a surrounding transaction.

    Outside one (the middleware in production) no savepoint is needed or paid for.
    """
    if isinstance(page_cache(), DatabaseCache) and (
        transaction.get_connection().in_atomic_block
    ):
        return transaction.atomic()
    return nullcontext()


def _bump() -> None:
    # A fresh random value, not a counter: two bumps at once never share a value.
    try:
        with _savepoint_if_in_transaction():
            page_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception as error:
        _unavailable(error)


def invalidate(*args: object, **kwargs: object) -> None:
    """Retire every stored page now and again when the current transaction commits.

    Accepts and ignores signal arguments, so it can be a receiver itself. The
    second bump stops a request that read the new generation but rendered the
    uncommitted old rows from keeping its copy.
    """
    if kwargs.get("raw"):  # loading fixtures
        return
    _bump()
    transaction.on_commit(_bump)
    for listener in _invalidation_listeners:
        listener()


def _generation(stored: str | None) -> str:
    if stored is not None:
        return stored
    fresh = uuid.uuid4().hex
    cache = page_cache()
    return (
        fresh
        if cache.add(GENERATION_KEY, fresh, None)
        else cache.get(GENERATION_KEY, fresh)
    )


def request_is_cacheable(request: HttpRequest) -> bool:
    """GET or HEAD by an anonymous visitor carrying no session, token or message."""
    if not settings.PAGE_CACHE_ENABLED:
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIX):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or settings.CSRF_COOKIE_NAME in cookies:
        return False
    if any(name in cookies for name in PRIVATE_COOKIES):
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def response_is_cacheable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """A plain 200 page or feed that set no cookie, used no CSRF token and is no preview."""
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith(CACHEABLE_TYPES):
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get(
        "CSRF_COOKIE_USED"
    ):
        return False
    if getattr(request, "is_preview", False):
        return False
    # "Vary: Cookie" from a session merely read stays: the visitor sent no cookie,
    # and a CDN must still tell them from an editor who sees the userbar.
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in UNCACHEABLE_CONTROL)


def page_key(request: HttpRequest) -> str:
    """Scheme, host, full path with query string, the language, and gzip or not.

    The path's language prefix decides the language; outside the prefixed URLs
    Django may choose by the language cookie or Accept-Language, so those count.
    GZipMiddleware sits inside this one, so a stored copy is compressed exactly
    when its client accepted gzip: hits never compress again.
    """
    language = get_language_from_path(request.path_info) or (
        get_language_from_request(request)
    )
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    # META, not request.headers: building the headers mapping costs a hit dearly.
    accepts_gzip = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    encoding = "gzip" if accepts_gzip else "plain"
    head = request.method == "HEAD"
    return f"page-cache:{ENTRY_FORMAT}:{head}:{language}:{encoding}:{digest}"


def seconds_to_keep(now: datetime) -> int:
    """PAGE_CACHE_SECONDS, cut short by the next moment shown content changes."""
    keep = settings.PAGE_CACHE_SECONDS
    for source in _change_sources:
        moment = source(now)
        if moment is not None:
            keep = min(keep, int((moment - now).total_seconds()))
    return max(keep, 0)


def next_local_midnight(now: datetime) -> datetime:
    """Dates shown by day (consent expiry, booking windows) turn over at midnight."""
    local = timezone.localtime(now)
    tomorrow = local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


register_change_source(next_local_midnight)


def _stored_response(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status_code"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def _entry(response: HttpResponseBase, generation: str, seconds: int) -> dict:
    """The response as a hit serves it: WSGI status line, header list, bytes."""
    return {
        "generation": generation,
        "expires": timezone.now().timestamp() + seconds,
        "status_code": response.status_code,
        "status": f"{response.status_code} {response.reason_phrase}",
        "headers": [*response.items(), ("X-Cache", "hit")],
        "content": response.content,
    }


def _cache_headers(
    request: HttpRequest, response: HttpResponseBase, seconds: int
) -> None:
    # A CDN purge names addresses without a query string (search results, list
    # filters, tracking parameters are endless), so a CDN keeps those briefly.
    shared = seconds
    if request.META.get("QUERY_STRING"):
        shared = min(seconds, settings.CDN_QUERY_SECONDS)
    response["Cache-Control"] = (
        f"public, max-age={min(BROWSER_MAX_AGE, seconds)}, s-maxage={shared}"
    )
    patch_vary_headers(response, ("Accept-Encoding",))


def _keep_private(response: HttpResponseBase) -> None:
    # A page we will not share must not be shared by a CDN either.
    html = response.get("Content-Type", "").startswith("text/html")
    if html and not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


def watch(*model_labels: str) -> None:
    """Retire every page when a row of these models ("app.Model") is saved or deleted."""
    for label in model_labels:
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate, sender=label, dispatch_uid=f"page_cache:{signal}:{label}"
            )


def connect_signals() -> None:
    """Wagtail's own changes: pages, snippets' publishing, images, redirects, settings."""
    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(invalidate, dispatch_uid=f"page_cache:{id(signal)}")
    post_page_move.connect(invalidate, dispatch_uid="page_cache:post_page_move")
    post_delete.connect(
        invalidate, sender="wagtailcore.Page", dispatch_uid="page_cache:page_delete"
    )
    watch("wagtailcore.Site", "wagtailimages.Image", "wagtailredirects.Redirect")
    post_save.connect(
        _settings_saved, sender="home.SiteSettings", dispatch_uid="page_cache:settings"
    )
    post_delete.connect(
        invalidate, sender="home.SiteSettings", dispatch_uid="page_cache:settings_gone"
    )


def _settings_saved(sender, created: bool = False, **kwargs: object) -> None:
    # A page's first read creates the row with the defaults it then shows.
    if not created:
        invalidate(**kwargs)


class PageCacheMiddleware:
    """Answer anonymous GETs from the shared cache; store what is safe to share."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request_is_cacheable(request) or request.META.get(CACHE_FAILED):
            return self.get_response(request)
        key = page_key(request)
        try:
            with _savepoint_if_in_transaction():
                found = page_cache().get_many([key, GENERATION_KEY])
                generation = _generation(found.get(GENERATION_KEY))
        except Exception as error:
            _unavailable(error)
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            return _stored_response(entry)
        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            _keep_private(response)
            response.setdefault("X-Cache", "bypass")
            return response
        seconds = seconds_to_keep(timezone.now())
        if seconds <= 0:
            return response
        _cache_headers(request, response, seconds)
        # Added now rather than by SecurityMiddleware on the way out (it keeps
        # headers already set), so a hit that never reaches Django still has them.
        # Built per stored response (a miss only): it reads the settings as they
        # are now, as the copy answered in front of Django must carry them.
        SecurityMiddleware(self.get_response).process_response(request, response)
        try:
            with _savepoint_if_in_transaction():
                page_cache().set(key, _entry(response, generation, seconds), seconds)
        except Exception as error:
            _unavailable(error)
        response["X-Cache"] = "miss"
        return response
