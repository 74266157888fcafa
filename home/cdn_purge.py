"""Purge a CDN in front of the site of every address the page cache could hold.

The page cache retires every page at once when anything shown changes (decision
0026); a CDN must follow it. After such a change commits, one task purges every
live public page of every site in every language, with its routable
sub-addresses (the course list's feed and calendar), the sitemap, site search
and old addresses that now redirect. A failed purge is kept in mind and tried
again by the `cdn_purge` periodic job, which turns late (and so alerts
operations) while the CDN refuses. See docs/decisions/0031-cdn-purge.md.
"""

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus
from urllib.error import HTTPError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Page, Site

from home.page_cache import page_cache

logger = logging.getLogger(__name__)

# Wagtail's backends report a failed purge here, naming the page's address.
WAGTAIL_LOGGER = "wagtail.frontendcache"
FAILED_KEY = "cdn-purge:failed-at"
# How often the periodic job tries a failed purge again.
RETRY_SECONDS = 60
# How long one PURGE may take (the backend's "TIMEOUT" overrides it).
PURGE_TIMEOUT_SECONDS = 10


class PurgeFailed(Exception):
    """The CDN did not take every purge; the periodic job tries again."""


@dataclass(frozen=True)
class PurgeOutcome:
    """How many addresses were sent to the CDN and how many errors came back."""

    urls: int
    errors: int


class HTTPPurgeBackend(HTTPBackend):
    """Wagtail's HTTP backend, but one PURGE gives up after TIMEOUT seconds and raises.

    Wagtail's waits for ever and only logs, so a hung endpoint would hold a task
    worker and an endpoint that is down would be tried once for every address.
    """

    def __init__(self, params: dict) -> None:
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", PURGE_TIMEOUT_SECONDS))
        super().__init__(params)
        if self.cache_scheme not in ("http", "https"):
            raise ImproperlyConfigured("The CDN purge address must be http or https.")

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        host = f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname
        address = urlunsplit(
            (self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")
        )
        request = PurgeRequest(
            url=address,
            headers={
                "Host": host,
                "User-Agent": f"Wagtail-frontendcache/{wagtail_version}",
            },
        )
        try:
            # The configured endpoint, http or https (checked above).
            with urlopen(request, timeout=self.timeout):  # noqa: S310  # nosec B310
                pass
        except HTTPError as error:
            # Some caches (nginx's cache_purge) answer 404 for an address they lack.
            if error.code != HTTPStatus.NOT_FOUND:
                raise
        # URLError and timeouts are OSErrors too; they reach `send`, which counts them.


def configured_backends() -> dict[str, BaseBackend]:
    """The frontend caches named in WAGTAILFRONTENDCACHE (none: nothing to purge)."""
    return get_backends()


def sub_paths(page: Page) -> list[str]:
    """A routable page's sub-addresses that take no argument (feed/, calendar/)."""
    if not isinstance(page, RoutablePageMixin):
        return []
    paths = []
    for pattern in page.get_subpage_urls():
        if pattern.pattern.regex.groups:
            continue
        try:
            path = page.reverse_subpage(pattern.name)
        except NoReverseMatch:
            continue
        if path:
            paths.append(path)
    return paths


def site_urls(site: Site) -> list[str]:
    """The sitemap and the search page in every language, on one site."""
    urls = [f"{site.root_url}{reverse(sitemap)}"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(f"{site.root_url}{reverse('search')}")
    return urls


def urls_to_purge() -> list[str]:
    """Every address the page cache could hold, as full URLs, each once."""
    batch = PurgeBatch()
    pages = Page.objects.live().public().filter(depth__gt=1).specific(defer=True)
    for page in pages:
        batch.add_page(page)  # its URL and any `get_cached_paths`
        extra = sub_paths(page)
        if extra:
            base = page.get_full_url(batch)
            if base is not None:
                batch.add_urls(base + path for path in extra)
    root_paths = Site.get_site_root_paths()
    for site in Site.objects.all():
        batch.add_urls(site_urls(site))
    for redirect in Redirect.objects.all():
        batch.add_urls(redirect.old_links(root_paths))
    return sorted(batch.urls)


@contextmanager
def wagtail_errors() -> Iterator[list[logging.LogRecord]]:
    """Collect, and keep out of the logs, what Wagtail's backends log in this thread.

    Their messages name each address, and a facilitator's address is their name.
    """
    caught: list[logging.LogRecord] = []
    thread = threading.get_ident()

    def catch(record: logging.LogRecord) -> bool:
        if record.thread != thread:
            return True
        if record.levelno >= logging.ERROR:
            caught.append(record)
        return False

    wagtail_logger = logging.getLogger(WAGTAIL_LOGGER)
    wagtail_logger.addFilter(catch)
    try:
        yield caught
    finally:
        wagtail_logger.removeFilter(catch)


def send(urls: Iterable[str], backends: dict[str, BaseBackend]) -> int:
    """Ask each backend to purge the addresses of the hosts it serves; the errors."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[urlsplit(url).netloc].append(url)
    raised = 0
    with wagtail_errors() as logged:
        for host, host_urls in by_host.items():
            for name, backend in backends.items():
                if not backend.invalidates_hostname(host):
                    continue
                try:
                    backend.purge_batch(host_urls)
                except Exception as error:  # one backend's fault stops no other
                    raised += 1
                    logger.warning(
                        "CDN purge by %s raised %s", name, type(error).__name__
                    )
    return raised + len(logged)


def purge_everything() -> PurgeOutcome:
    """Purge every cached address now; remember a failure for the periodic retry."""
    backends = configured_backends()
    if not backends:
        return PurgeOutcome(urls=0, errors=0)
    started = timezone.now()
    urls = urls_to_purge()
    errors = send(urls, backends)
    if errors:
        logger.warning(
            "CDN purge failed: %d errors for %d addresses; retried every %d s",
            errors,
            len(urls),
            RETRY_SECONDS,
        )
        _remember_failure(timezone.now())
    else:
        _forget_failure_before(started)
    return PurgeOutcome(urls=len(urls), errors=errors)


def retry_failed_purge() -> bool:
    """The periodic job: purge again if the last purge failed; whether it did.

    Raises while the CDN still refuses, so the job shows as late to operations.
    """
    if _failed_at() is None:
        return False
    if not configured_backends():
        _forget_failure_before(timezone.now())
        return False
    outcome = purge_everything()
    if outcome.errors:
        raise PurgeFailed(f"{outcome.errors} errors for {outcome.urls} addresses")
    return True


def _failed_at() -> datetime | None:
    try:
        return page_cache().get(FAILED_KEY)
    except Exception as error:
        logger.warning("CDN purge state unavailable (%s)", type(error).__name__)
        return None


def _remember_failure(moment: datetime) -> None:
    try:
        page_cache().set(FAILED_KEY, moment, None)
    except Exception as error:
        logger.warning("CDN purge state unavailable (%s)", type(error).__name__)


def _forget_failure_before(started: datetime) -> None:
    # A failure after this purge began may be of a change it did not see.
    failed_at = _failed_at()
    if failed_at is not None and failed_at <= started:
        try:
            page_cache().delete(FAILED_KEY)
        except Exception as error:
            logger.warning("CDN purge state unavailable (%s)", type(error).__name__)
