"""Stored pages answered in front of Django's handler (config.wsgi).

`serve_from_cache` applies the page cache's own rules (home.page_cache:
request_is_cacheable, page_key) to the WSGI environ, makes one cache read and
returns the stored status line, headers and body; anything else, Django
answers. See docs/decisions/0030-cached-hits.md.
"""

import base64
import pickle  # nosec B403 # reads our own cache table, as DatabaseCache does
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.core.handlers.wsgi import WSGIRequest
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from .page_cache import (
    CACHE_FAILED,
    GENERATION_KEY,
    _savepoint_if_in_transaction,
    _unavailable,
    page_cache,
    page_key,
    request_is_cacheable,
)

# Stored copies this process served lately, by key: a hit then reads only the
# generation, not the whole page. Oldest first; a few megabytes at most.
RECENT_ENTRIES = 64
_recent: dict[str, dict] = {}


def _get_many(cache: BaseCache, keys: list[str]) -> dict:
    """The cache's `get_many`, by the quicker read on the database cache."""
    with _savepoint_if_in_transaction():
        if isinstance(cache, DatabaseCache):
            return read_database_cache(cache, keys)
        return cache.get_many(keys)


def _read(cache: BaseCache, key: str) -> tuple[dict | None, str | None]:
    """The entry stored under `key` and the current generation, in one read."""
    found = _get_many(cache, [key, GENERATION_KEY])
    return found.get(key), found.get(GENERATION_KEY)


def _cache_connection(cache: DatabaseCache) -> BaseDatabaseWrapper:
    return connections[router.db_for_read(cache.cache_model_class)]


def read_database_cache(cache: DatabaseCache, keys: list[str]) -> dict:
    """DatabaseCache.get_many, less its per-call ORM set-up: a third of a hit's cost.

    The same rows and format (pickled, then base64); expiry is compared in SQL,
    as DatabaseCache's own cull does, and expired rows are left to its cull.
    """
    names = {cache.make_key(key): key for key in keys}
    connection = _cache_connection(cache)
    ops = connection.ops
    quote = ops.quote_name
    placeholders = ", ".join(["%s"] * len(names))
    sql = (
        f"SELECT {quote('cache_key')}, {quote('value')} FROM {quote(cache._table)}"  # noqa: S608  # nosec B608 # quoted names from the settings; values are parameters
        f" WHERE {quote('cache_key')} IN ({placeholders})"
        f" AND {quote('expires')} >= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*names, ops.adapt_datetimefield_value(timezone.now())])
        rows = cursor.fetchall()
    found = {}
    for name, value in rows:
        pickled = base64.b64decode(ops.process_clob(value).encode())
        found[names[name]] = pickle.loads(pickled)  # noqa: S301  # nosec B301 # our own table, written by DatabaseCache
    return found


def _is_current(entry: dict | None, generation: str | None) -> bool:
    return entry is not None and entry["generation"] == generation


def _read_generation(cache: BaseCache) -> str | None:
    return _get_many(cache, [GENERATION_KEY]).get(GENERATION_KEY)


def _current_entry(cache: BaseCache, key: str) -> dict | None:
    """The current stored copy, from this process's recent hits when still current.

    A recent copy is served only while it has not expired and the shared
    generation, read on every request, is still its own: so reading the small
    generation is enough, and workers never disagree after a publish.
    """
    entry = _recent.get(key)
    if (
        entry is not None
        and entry["expires"] > timezone.now().timestamp()
        and entry["generation"] == _read_generation(cache)
    ):
        return entry
    _recent.pop(key, None)
    entry, generation = _read(cache, key)
    if not _is_current(entry, generation):
        return None
    if len(_recent) >= RECENT_ENTRIES:
        _recent.pop(next(iter(_recent)), None)  # the oldest
    _recent[key] = entry
    return entry


def _close_old_connection(cache: BaseCache) -> None:
    """Django's close_old_connections, for the database cache's connection only.

    A hit never reaches Django's handler, whose request_started and
    request_finished signals close a connection that is broken or past
    CONN_MAX_AGE; a test's transaction is left alone.
    """
    if isinstance(cache, DatabaseCache):
        connection = _cache_connection(cache)
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def serve_from_cache(environ: dict) -> tuple[str, list, bytes] | None:
    """Status line, headers and body of a current stored copy, or None to ask Django.

    The middleware's rules (request_is_cacheable, page_key) applied to the WSGI
    environ. Anything unusual (a refused host, a broken request, a failing
    cache, no generation yet) is None, and Django answers as if this were not here.
    """
    if not settings.PAGE_CACHE_ENABLED:
        return None
    try:
        request = WSGIRequest(environ)
        if not request_is_cacheable(request):
            return None
        key = page_key(request)
    except Exception:  # Django answers it with its own error handling
        return None
    try:
        cache = page_cache()
        _close_old_connection(cache)
        entry = _current_entry(cache, key)
        _close_old_connection(cache)
    except Exception as error:
        _unavailable(error)
        # Django renders it without trying the cache again: a hung one costs once.
        environ[CACHE_FAILED] = True
        return None
    if entry is None:
        return None
    return entry["status"], entry["headers"], entry["content"]


class CachedPagesApplication:
    """A WSGI application answering current stored copies before Django's handler."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        hit = serve_from_cache(environ)
        if hit is None:
            return self.application(environ, start_response)
        status, headers, content = hit
        start_response(status, list(headers))
        return [content]
