"""A CDN's purge endpoint on loopback: records each PURGE as Wagtail's HTTP backend
sends it (the page's host in the Host header, its path in the request line)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class PurgeServer:
    """Answers 200 to every PURGE and keeps "http://host/path" of each."""

    purged: list[str] = field(default_factory=list)
    url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self) -> None:
                with stub._lock:
                    stub.purged.append(f"http://{self.headers['Host']}{self.path}")
                self.send_response(200)
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
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()


def http_frontend_cache(location: str) -> dict:
    """WAGTAILFRONTENDCACHE as settings build it from FRONTEND_CACHE_PURGE_URL."""
    return {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
