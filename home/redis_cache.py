"""The caches on Redis: one redis-py client kept per pool, and an outage as a miss.

Both caches keep one client per connection pool where Django builds one per
call (`ReusedClients`). Wagtail reads the default cache while rendering every
page (site root paths, renditions): with Django's own RedisCache, a Redis that
is down or hung turns every page into a server error. There reads miss and
writes are dropped while Redis cannot be reached, so the site renders from the
database instead; the page cache (home/page_cache.py, `PageRedisCache`)
handles its own failures.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# How long reads and writes leave Redis alone after it failed to answer.
RETRY_AFTER_SECONDS = 5.0


def _unreachable(error: Exception) -> None:
    logger.warning("Cache unavailable (%s)", type(error).__name__)


class ReusedClients(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client per connection pool.

    Django wraps its pool in a new `redis.Redis` for every call; for a page
    answered in front of Django (home.cached_hits) that was about a third of the
    hit. A redis-py client is safe to share: each command takes a connection
    from the pool.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[object, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class PageRedisCache(RedisCache):
    """Django's RedisCache with its clients kept: the page cache on Redis."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedClients


class ForgivingRedisCache(PageRedisCache):
    """Django's RedisCache, but reads miss and writes are skipped while Redis is down.

    Once a call finds Redis unreachable, reads and writes leave it alone for
    RETRY_AFTER_SECONDS: a page makes a dozen cache calls, and a hung Redis would
    otherwise hold each one for the whole socket timeout. Deletes are always
    tried, so an entry is not left stale because an outage had just ended; a
    delete missed in an outage leaves that entry until it expires, as Wagtail's
    own entries do. Counting (incr, decr) and clear still raise: a count that
    silently restarts would be wrong, not slow.
    """

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._down_until = 0.0

    def _forgiving(self, fallback, method, *args, always_try: bool = False):
        """`method(*args)` (Django's own), or `fallback` while Redis is unreachable."""
        if not always_try and time.monotonic() < self._down_until:
            return fallback
        try:
            return method(*args)
        except UNREACHABLE as error:
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            _unreachable(error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._forgiving(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._forgiving({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._forgiving(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forgiving(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forgiving(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forgiving(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forgiving(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._forgiving(False, super().delete, key, version, always_try=True)

    def delete_many(self, keys, version=None):
        self._forgiving(None, super().delete_many, keys, version, always_try=True)
