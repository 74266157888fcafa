"""Real servers on loopback standing in for email providers, and the helpers
the tests and benchmark scripts use to start and reach servers there."""

import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


def free_port() -> int:
    """A loopback port nothing listens on (aiosmtpd cannot take port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float) -> None:
    """Poll a server this process started until the URL answers 2xx/3xx."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # nosec B310 # a loopback http URL this process built
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not answer within {timeout} s") from None
        time.sleep(0.5)


@dataclass
class PostmarkStub:
    """A Postmark-shaped HTTP API: answers from a script, then succeeds.

    Each scripted reply is an HTTP status (e.g. 500) or "hang", which holds the
    request open until the test ends so the client's own timeout fires.
    """

    script: list[int | str] = field(default_factory=list)
    received: list[dict] = field(default_factory=list)
    url: str = ""
    arrived: threading.Event = field(default_factory=threading.Event)
    _release: threading.Event = field(default_factory=threading.Event)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                payload = json.loads(self.rfile.read(length) or b"{}")
                stub.arrived.set()
                reply = stub.script.pop(0) if stub.script else 200
                if reply == "hang":
                    stub._release.wait(timeout=30)
                    return
                if reply == 200:
                    stub.received.append(payload)
                    number = len(stub.received)
                    body = {
                        "To": payload.get("To", ""),
                        "SubmittedAt": datetime.now(UTC).isoformat(),
                        "MessageID": f"00000000-0000-4000-8000-{number:012d}",
                        "ErrorCode": 0,
                        "Message": "OK",
                    }
                else:
                    body = {"ErrorCode": 500, "Message": "Stub provider failure"}
                data = json.dumps(body).encode()
                self.send_response(int(reply))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler

    @contextmanager
    def running(self) -> Iterator["PostmarkStub"]:
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.url = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            yield self
        finally:
            self._release.set()
            server.shutdown()
            server.server_close()


class _RecordingHandler:
    def __init__(self, refuse: set[str]) -> None:
        self.refuse = {address.lower() for address in refuse}
        self.messages: list[Envelope] = []

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options
    ) -> str:
        if address.lower() in self.refuse:
            return "550 5.1.1 Mailbox does not exist"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        self.messages.append(envelope)
        return "250 Message accepted"


@contextmanager
def smtp_server(refuse: set[str] | None = None) -> Iterator[tuple[int, list]]:
    """An SMTP server on loopback; yields its port and the envelopes it accepted."""
    handler = _RecordingHandler(refuse or set())
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, handler.messages
    finally:
        controller.stop()
