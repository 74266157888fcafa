"""Stored pages answered through the real WSGI entry point (config.wsgi), in front of
Django's handler: the same bytes and headers as the miss, and every request the page
cache must not answer still reaching Django (decisions 0026 and 0030)."""

import io
import sys
from collections.abc import Iterator
from datetime import timedelta

import pytest
import redis
from django.core.cache import caches
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone

from config.settings import base
from config.wsgi import application
from home.cached_hits import read_database_cache
from home.page_cache import CACHE_ALIAS
from tests.courses.test_admin import post_course, published_course
from tests.support.course_editor import publish_course_edit
from tests.support.redis_server import RedisServer, redis_server

# Set by SecurityMiddleware, which sits outside the page cache's middleware.
SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


BACKENDS = {
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "page_cache",
    },
    "locmem": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages-under-test",
    },
}


def use_page_cache(settings, backend: str) -> None:
    settings.CACHES = {**settings.CACHES, CACHE_ALIAS: BACKENDS[backend]}
    settings.PAGE_CACHE_ENABLED = True
    # HSTS is sent on HTTPS only: every request below comes over HTTPS.
    settings.SECURE_HSTS_SECONDS = 3600
    if backend == "database":
        call_command("createcachetable", "page_cache")
    caches[CACHE_ALIAS].clear()


@pytest.fixture(params=list(BACKENDS))
def page_cache_on(request, settings, db) -> Iterator[str]:
    """The page cache on the database (production's default) and in memory."""
    use_page_cache(settings, request.param)
    yield request.param
    caches[CACHE_ALIAS].clear()


@pytest.fixture
def database_page_cache(settings, db) -> Iterator[None]:
    use_page_cache(settings, "database")
    yield
    caches[CACHE_ALIAS].clear()


@pytest.fixture
def own_redis(settings) -> Iterator[RedisServer]:
    """Both caches on a Redis of this test's own, as REDIS_URL configures them."""
    with redis_server() as server:
        settings.CACHES = base.redis_caches(server.url)
        settings.PAGE_CACHE_ENABLED = True
        yield server


@pytest.fixture
def handled() -> Iterator[list[str]]:
    """The paths Django's own request handling saw (request_started)."""
    seen: list[str] = []

    def note(sender, environ, **kwargs):
        seen.append(environ["PATH_INFO"])

    request_started.connect(note)
    yield seen
    request_started.disconnect(note)


class Answer:
    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes):
        self.status, self.headers, self.body = status, headers, body
        self.header = dict(headers)


def wsgi(path: str, method: str = "GET", body: bytes = b"", **headers: str) -> Answer:
    """One request through config.wsgi.application, as gunicorn makes it."""
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path.split("?")[0],
        "QUERY_STRING": path.partition("?")[2],
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    environ |= {f"HTTP_{name.upper()}": value for name, value in headers.items()}
    started: list = []
    # As Django's test client does: the handler must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(
            environ, lambda status, headers: started.extend([status, headers])
        )
        try:
            content = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(started[0], started[1], content)


def without_x_cache(answer: Answer) -> list[tuple[str, str]]:
    return [(name, value) for name, value in answer.headers if name != "X-Cache"]


@pytest.mark.parametrize("encoding", ["gzip, deflate, br", ""])
def test_a_hit_is_answered_before_django_with_the_misses_bytes_and_headers(
    page_cache_on, run, handled, encoding
):
    url = run.course.url
    miss = wsgi(url, ACCEPT_ENCODING=encoding)
    assert (miss.status, miss.header["X-Cache"]) == ("200 OK", "miss")
    assert handled == [url]

    hit = wsgi(url, ACCEPT_ENCODING=encoding)
    assert handled == [url], "the hit went through Django's handler"
    assert (hit.status, hit.header["X-Cache"]) == ("200 OK", "hit")
    assert hit.body == miss.body
    assert without_x_cache(hit) == without_x_cache(miss)
    for name in SECURITY_HEADERS + ("Content-Security-Policy", "Cache-Control"):
        assert hit.header[name] == miss.header[name]
    assert ("Content-Encoding" in hit.header) == bool(encoding)


def test_a_head_request_is_its_own_stored_copy(page_cache_on, run, handled):
    url = run.course.url
    miss = wsgi(url, method="HEAD")
    hit = wsgi(url, method="HEAD")
    assert (miss.header["X-Cache"], hit.header["X-Cache"]) == ("miss", "hit")
    assert (hit.body, without_x_cache(hit)) == (miss.body, without_x_cache(miss))
    assert handled == [url]
    assert wsgi(url).header["X-Cache"] == "miss"


@pytest.mark.parametrize(
    "headers",
    [
        {"COOKIE": "sessionid=abc"},
        {"COOKIE": "csrftoken=abc"},
        {"COOKIE": "messages=abc"},
        {"AUTHORIZATION": "Basic ZWRpdG9yOnB3"},
    ],
    ids=["session", "csrftoken", "messages", "authorization"],
)
def test_a_visitor_carrying_a_session_token_or_message_reaches_django(
    page_cache_on, run, handled, headers
):
    url = run.course.url
    wsgi(url)
    assert wsgi(url).header["X-Cache"] == "hit"
    answer = wsgi(url, **headers)
    assert answer.status == "200 OK"
    assert answer.header.get("X-Cache") != "hit"
    assert handled == [url, url]


def test_a_post_and_the_admin_reach_django(page_cache_on, run, handled):
    url = run.course.url
    wsgi(url)
    assert wsgi(url).header["X-Cache"] == "hit"
    posted = wsgi(url, method="POST", body=b"a=1")
    assert posted.header.get("X-Cache") != "hit"
    admin = wsgi("/admin/")
    assert admin.status.startswith("302")
    assert "X-Cache" not in admin.header
    assert handled == [url, url, "/admin/"]


def test_a_query_string_and_a_welsh_reader_are_their_own_copies(
    page_cache_on, run, handled
):
    url = run.course.url
    wsgi(url)
    assert wsgi(url).header["X-Cache"] == "hit"
    assert wsgi(url + "?utm_source=x").header["X-Cache"] == "miss"
    assert wsgi(url + "?utm_source=x").header["X-Cache"] == "hit"
    # Outside the prefixed URLs Django may choose by Accept-Language: its own key.
    assert wsgi("/sitemap.xml", ACCEPT_LANGUAGE="cy").header["X-Cache"] == "miss"
    assert wsgi("/sitemap.xml").header["X-Cache"] == "miss"


def test_a_publish_in_the_admin_retires_a_page_answered_before_django(
    page_cache_on, course_index, admin_client, handled
):
    assert post_course(admin_client, course_index).status_code == 302
    course = published_course()
    wsgi(course.url)
    assert wsgi(course.url).header["X-Cache"] == "hit"

    response = publish_course_edit(
        admin_client,
        course,
        title="Compassionate Leadership Renamed",
        cpd_hours="12",
        participation="join",
        completion="all",
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    after = wsgi(course.url)
    assert after.header["X-Cache"] == "miss"
    assert b"Compassionate Leadership Renamed" in after.body


def test_a_copy_kept_by_this_process_is_not_served_past_its_expiry(
    database_page_cache, run, handled, settings, monkeypatch
):
    url = run.course.url
    wsgi(url)
    assert wsgi(url).header["X-Cache"] == "hit"
    assert handled == [url]
    later = timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    wsgi(url)
    assert handled == [url, url]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_hit_closes_the_caches_connection_as_a_request_would(
    database_page_cache, run, handled, monkeypatch
):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("Django never closes an in-memory SQLite database")
    # CONN_MAX_AGE 0: Django closes the connection at the end of every request.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    url = run.course.url
    wsgi(url)
    connection.ensure_connection()
    assert wsgi(url).header["X-Cache"] == "hit"
    assert handled == [url]
    assert connection.connection is None


def test_a_page_cache_that_is_down_still_serves_pages(settings, run, handled, caplog):
    settings.CACHES = {
        **settings.CACHES,
        CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "page_cache_never_created",
        },
    }
    settings.PAGE_CACHE_ENABLED = True
    url = run.course.url
    first, second = wsgi(url), wsgi(url)
    assert first.status == second.status == "200 OK"
    assert b"Introduction to Creative Writing" in second.body
    assert handled == [url, url]
    # Tried once per request: a hung cache would hold a visitor only once.
    assert caplog.text.count("Page cache unavailable") == 2


def test_a_stopped_redis_serves_pages_and_no_copy_kept_in_memory(
    own_redis, run, handled
):
    url = run.course.url
    wsgi(url)
    assert wsgi(url).header["X-Cache"] == "hit"
    own_redis.process.terminate()
    own_redis.process.wait(timeout=10)
    answer = wsgi(url)
    assert answer.status == "200 OK"
    assert b"Introduction to Creative Writing" in answer.body
    # This process still holds the page, but cannot tell whether it is current.
    assert handled == [url, url]


def test_the_quick_read_agrees_with_the_database_cache(database_page_cache):
    cache = caches[CACHE_ALIAS]
    cache.set("kept", {"page": b"\x00bytes"}, 300)
    cache.set("forever", "generation", None)
    cache.set("lapsed", "old", 300)
    # Expire "lapsed" as time passing would.
    table = connection.ops.quote_name("page_cache")
    past = connection.ops.adapt_datetimefield_value(
        (timezone.now() - timedelta(seconds=5)).replace(microsecond=0)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET expires = %s WHERE cache_key = %s",  # noqa: S608  # nosec B608 # a quoted table name; values are parameters
            [past, cache.make_key("lapsed")],
        )
    keys = ["kept", "forever", "lapsed", "absent"]
    quick = read_database_cache(cache, keys)
    assert quick == {"kept": {"page": b"\x00bytes"}, "forever": "generation"}
    assert quick == cache.get_many(keys)


def test_the_test_client_still_gets_stored_copies_through_the_middleware(
    page_cache_on, run
):
    url = run.course.url
    assert wsgi(url).header["X-Cache"] == "miss"
    # The same key from Django's test client (which bypasses config.wsgi).
    stored = Client(HTTP_HOST="127.0.0.1").get(url, secure=True)
    assert stored["X-Cache"] == "hit"
    assert stored.content == wsgi(url).body


def test_hits_on_redis_build_no_new_redis_client(own_redis, run, monkeypatch):
    url = run.course.url
    wsgi(url)
    assert wsgi(url).header["X-Cache"] == "hit"
    built = []
    build = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        built.append(self)
        build(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    for _ in range(5):
        assert wsgi(url).header["X-Cache"] == "hit"
    assert built == []
