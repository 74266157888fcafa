"""The browser tests' live server lets one request at a time into the site."""

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.test.testcases import QuietWSGIRequestHandler

from tests.support.live_server import OneRequestAtATime

# Only a broken server waits this long: each wait ends as soon as its event is set.
FAILSAFE = 10


class WatchedLock:
    """A lock that says when a request has to wait for it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.request_waiting = threading.Event()

    def acquire(self) -> None:
        if not self.lock.acquire(blocking=False):
            self.request_waiting.set()
            self.lock.acquire()

    def release(self) -> None:
        self.lock.release()


class Site:
    """A WSGI site whose /slow request stays inside until the test lets it go."""

    def __init__(self) -> None:
        self.entered: list[str] = []
        self.slow_inside = threading.Event()
        self.let_slow_finish = threading.Event()

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        self.entered.append(path)
        if path == "/broken":
            raise RuntimeError("the view failed")
        if path == "/slow":
            self.slow_inside.set()
            self.let_slow_finish.wait(FAILSAFE)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [path.encode()]


@contextmanager
def serving(site: Site) -> Iterator[tuple[OneRequestAtATime, str]]:
    server = OneRequestAtATime(("127.0.0.1", 0), QuietWSGIRequestHandler)
    server.lock = WatchedLock()
    server.set_app(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def fetch(url: str, answers: dict[str, bytes]) -> None:
    with urllib.request.urlopen(url, timeout=FAILSAFE) as response:  # nosec B310 # loopback
        answers[url] = response.read()


def test_a_request_waits_until_the_one_inside_has_been_answered():
    site = Site()
    answers: dict[str, bytes] = {}
    with serving(site) as (server, url):
        slow = threading.Thread(target=fetch, args=(f"{url}/slow", answers))
        slow.start()
        assert site.slow_inside.wait(FAILSAFE)
        quick = threading.Thread(target=fetch, args=(f"{url}/quick", answers))
        quick.start()

        assert server.lock.request_waiting.wait(FAILSAFE), "/quick went straight in"
        assert site.entered == ["/slow"]

        site.let_slow_finish.set()
        slow.join(FAILSAFE)
        quick.join(FAILSAFE)
    assert site.entered == ["/slow", "/quick"]
    assert answers == {f"{url}/slow": b"/slow", f"{url}/quick": b"/quick"}


def test_a_failed_request_lets_the_next_one_in():
    site = Site()
    answers: dict[str, bytes] = {}
    with serving(site) as (server, url):
        with pytest.raises(urllib.error.HTTPError) as failure:
            fetch(f"{url}/broken", answers)
        assert failure.value.code == 500
        fetch(f"{url}/after", answers)
    assert answers == {f"{url}/after": b"/after"}
    assert not server.lock.request_waiting.is_set()
