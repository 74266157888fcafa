"""The page cache on a real Redis, as production runs it when REDIS_URL is set:
hits, a publish in the admin retiring pages, signed-in editors passing by, and a
Redis that is down or hung costing speed, never a page."""

import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from config.settings import base
from home import redis_cache
from home.page_cache import GENERATION_KEY
from tests.courses.test_admin import post_course, published_course
from tests.support.course_editor import publish_course_edit
from tests.support.redis_server import RedisServer, redis_server

# How long a hung Redis stays hung; a page must come back in well under half of it.
HUNG_REDIS_SECONDS = 12


@pytest.fixture(scope="session")
def shared_redis() -> Iterator[RedisServer]:
    with redis_server() as server:
        yield server


def use_redis(settings, server: RedisServer) -> None:
    """Both caches on this Redis, configured exactly as REDIS_URL configures them."""
    settings.CACHES = base.redis_caches(server.url)
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def redis_page_cache(settings, shared_redis: RedisServer) -> Iterator[RedisServer]:
    shared_redis.flush()
    use_redis(settings, shared_redis)
    yield shared_redis
    shared_redis.flush()


@pytest.fixture
def own_redis(settings) -> Iterator[RedisServer]:
    """A Redis of this test's own, which it may stop or hang."""
    with redis_server() as server:
        use_redis(settings, server)
        yield server


def stored_pages(server: RedisServer) -> list[bytes]:
    """The page entries kept in Redis itself (not the generation key)."""
    keys = redis.Redis.from_url(server.url).keys("*page-cache:*")
    return [key for key in keys if not key.endswith(GENERATION_KEY.encode())]


def visit(path: str, **extra):
    """A fresh anonymous visitor: no cookies from earlier requests."""
    return Client().get(path, **extra)


def rename_in_the_admin(admin_client, course, title: str) -> None:
    """Publish a new title through the page editor, as an editor would."""
    response = publish_course_edit(admin_client, course, title=title)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_second_visit_is_answered_from_redis(redis_page_cache, run):
    course = run.course
    first = visit(course.url)
    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    assert len(stored_pages(redis_page_cache)) == 1
    second = visit(course.url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_publish_in_the_admin_retires_pages_kept_in_redis(
    redis_page_cache, course_index, admin_client
):
    assert post_course(admin_client, course_index).status_code == 302
    course = published_course()
    pages = [course.url, course_index.url]
    for url in pages:
        visit(url)
    assert [visit(url)["X-Cache"] for url in pages] == ["hit", "hit"]

    rename_in_the_admin(admin_client, course, "Compassionate Leadership Renamed")

    after = [visit(url) for url in pages]
    assert [response["X-Cache"] for response in after] == ["miss", "miss"]
    assert all(b"Compassionate Leadership Renamed" in r.content for r in after)


def test_a_signed_in_editor_is_neither_served_nor_stored(
    redis_page_cache, run, admin_client
):
    course = run.course
    visit(course.url)
    assert visit(course.url)["X-Cache"] == "hit"
    kept = stored_pages(redis_page_cache)
    for _ in range(2):
        response = admin_client.get(course.url)
        assert response.status_code == 200
        assert "X-Cache" not in response
        # The editor sees the page rendered for them (the userbar), not the copy.
        assert b"wagtail-userbar" in response.content
    assert stored_pages(redis_page_cache) == kept


def test_a_stopped_redis_costs_speed_never_a_page_or_an_edit(
    own_redis, course_index, admin_client, caplog
):
    assert post_course(admin_client, course_index).status_code == 302
    course = published_course()
    visit(course.url)
    assert visit(course.url)["X-Cache"] == "hit"

    own_redis.process.terminate()
    own_redis.process.wait(timeout=10)
    response = visit(course.url)
    assert response.status_code == 200
    assert course.title.encode() in response.content
    assert "Page cache unavailable (ConnectionError)" in caplog.text

    rename_in_the_admin(admin_client, course, "Renamed While Redis Was Down")
    assert b"Renamed While Redis Was Down" in visit(course.url).content


def test_a_hung_redis_slows_a_page_but_never_holds_it(own_redis, run):
    course = run.course
    visit(course.url)
    assert visit(course.url)["X-Cache"] == "hit"
    with own_redis.paused():
        # Redis answers again after this long whatever happens, so the test ends.
        release = threading.Timer(HUNG_REDIS_SECONDS, own_redis.resume)
        release.start()
        started = time.monotonic()
        response = visit(course.url)
        waited = time.monotonic() - started
        release.cancel()
    assert response.status_code == 200
    assert course.title.encode() in response.content
    assert waited < HUNG_REDIS_SECONDS / 2, f"the page waited {waited:.1f} s on Redis"


def test_a_hung_redis_is_waited_on_once_then_left_alone_for_a_while(
    own_redis, run, caplog, monkeypatch
):
    now = [time.monotonic()]
    monkeypatch.setattr(redis_cache, "time", SimpleNamespace(monotonic=lambda: now[0]))
    cache = caches["default"]
    with own_redis.paused():
        release = threading.Timer(HUNG_REDIS_SECONDS, own_redis.resume)
        release.start()
        response = visit(run.course.url)
        release.cancel()
    assert response.status_code == 200
    # One call waited out the timeout; the page's other calls did not try Redis.
    assert caplog.text.count("Cache unavailable (TimeoutError)") == 1

    # Redis answers again, but reads and writes wait for the retry time...
    cache.set("probe", "stored")
    assert redis.Redis.from_url(own_redis.url).exists(cache.make_key("probe")) == 0
    # ...while a delete is always tried, so no entry stays stale once Redis is back.
    redis.Redis.from_url(own_redis.url).set(cache.make_key("stale"), b"old")
    cache.delete("stale")
    assert redis.Redis.from_url(own_redis.url).exists(cache.make_key("stale")) == 0

    now[0] += redis_cache.RETRY_AFTER_SECONDS
    cache.set("probe", "stored")
    assert cache.get("probe") == "stored"
