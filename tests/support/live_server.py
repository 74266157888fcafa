"""The browser tests' live server: a thread per connection, one request at a time.

On the in-memory SQLite database every thread of Django's live server uses the
test's one database connection. Two requests at once share its transaction
state: the Wagtail editor autosaves every half second, and an autosave that
finishes while "Publish" is inside its transaction leaves Publish outside any
transaction, so its `on_commit` fails and the editor sees an error page.

Chromium still opens several connections and keeps idle ones open, so the server
keeps a thread per connection (a single-threaded server would wait on an idle
connection) and lets only one request at a time into the site.
"""

import threading
from collections.abc import Callable, Iterable, Iterator

from django.core.servers.basehttp import ThreadedWSGIServer

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


class OneRequestAtATime(ThreadedWSGIServer):
    """A threaded WSGI server whose application serves one request at a time."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lock = threading.Lock()

    def set_app(self, application: WSGIApp) -> None:
        super().set_app(one_at_a_time(application, self))


def one_at_a_time(application: WSGIApp, server: OneRequestAtATime) -> WSGIApp:
    """The application, holding the server's lock from the call until the
    response has been sent (the server closes it) or the call has failed."""

    def serve(environ: dict, start_response: Callable) -> Iterable[bytes]:
        server.lock.acquire()
        try:
            response = application(environ, start_response)
        except BaseException:
            server.lock.release()
            raise
        return ReleasedOnClose(response, server.lock.release)

    return serve


class ReleasedOnClose:
    """A response body that calls `release` once, when the server closes it."""

    def __init__(self, body: Iterable[bytes], release: Callable[[], None]) -> None:
        self.body = body
        self.release = release

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            release, self.release = self.release, None
            if release is not None:
                release()
