"""A CDN's purge endpoint on loopback: records each PURGE as Wagtail's HTTP backend
sends it (the page's host in the Host header, its path in the request line)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.support.stub_servers import loopback_http


@dataclass
class PurgeServer:
    """Answers every PURGE with `status` and keeps "http://host/path" of each.

    With `hang` set it holds each request open until the test ends instead.
    """

    status: int = 200
    hang: bool = False
    purged: list[str] = field(default_factory=list)
    url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _release: threading.Event = field(default_factory=threading.Event)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self) -> None:
                with stub._lock:
                    stub.purged.append(f"http://{self.headers['Host']}{self.path}")
                if stub.hang:
                    stub._release.wait(timeout=30)
                    return
                self.send_response(stub.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler

    def paths(self) -> set[str]:
        with self._lock:
            return set(self.purged)

    def clear(self) -> None:
        with self._lock:
            self.purged.clear()

    @contextmanager
    def running(self) -> Iterator["PurgeServer"]:
        with loopback_http(self._handler(), self._release) as port:
            self.url = f"http://127.0.0.1:{port}"
            yield self


OUR_HTTP_BACKEND = "home.cdn_purge.HTTPPurgeBackend"
WAGTAIL_HTTP_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"


def http_frontend_cache(
    location: str, backend: str = OUR_HTTP_BACKEND, **options: object
) -> dict:
    """WAGTAILFRONTENDCACHE as settings build it from FRONTEND_CACHE_PURGE_URL."""
    return {"default": {"BACKEND": backend, "LOCATION": location, **options}}
