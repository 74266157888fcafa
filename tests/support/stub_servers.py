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
    """A loopback port nothing listens on, for a server that must be told its port."""
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


class LoopbackController(Controller):
    """An aiosmtpd server on a loopback port the kernel hands it as it binds.

    A port picked first and bound later can be taken in between by another test
    process; binding port 0 cannot collide.
    """

    def __init__(self, handler: object) -> None:
        super().__init__(handler, hostname="127.0.0.1", port=0)

    def _trigger_server(self) -> None:
        # The stock controller connects to self.port to finish starting: learn it first.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@contextmanager
def loopback_http(
    handler: type[BaseHTTPRequestHandler], release: threading.Event
) -> Iterator[int]:
    """Serve `handler` on a free loopback port (yielded) until the block ends, then
    set `release` so requests it holds open let go, and stop."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        release.set()
        server.shutdown()
        server.server_close()


@dataclass
class PostmarkStub:
    """A Postmark-shaped HTTP API: answers from a script, then succeeds.

    Each scripted reply is an HTTP status (e.g. 500) or "hang", which holds the
    request open until the test ends so the client's own timeout fires.
    `requests` logs every message that arrived, `received` those it accepted.
    """

    script: list[int | str] = field(default_factory=list)
    received: list[dict] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    url: str = ""
    arrived: threading.Event = field(default_factory=threading.Event)
    _release: threading.Event = field(default_factory=threading.Event)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                payload = json.loads(self.rfile.read(length) or b"{}")
                stub.requests.append(payload)
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
        with loopback_http(self._handler(), self._release) as port:
            self.url = f"http://127.0.0.1:{port}/"
            yield self


class SmtpRecorder:
    """What the SMTP stub accepted and refused; refuses all mail for a while if asked.

    With `fail_seconds`, every message in that many seconds from the first one is
    answered "451" (a temporary failure, as a provider outage gives), then mail is
    accepted again.
    """

    def __init__(self, refuse: set[str], fail_seconds: float = 0) -> None:
        self.refuse = {address.lower() for address in refuse}
        self.fail_seconds = fail_seconds
        self.failing_since: float | None = None
        self.messages: list[Envelope] = []
        # The client's (host, port) for each accepted message: one per connection.
        self.peers: list[tuple[str, int]] = []
        self.temporary_failures = 0

    def failing(self) -> bool:
        if not self.fail_seconds:
            return False
        now = time.monotonic()
        if self.failing_since is None:
            self.failing_since = now
        return now - self.failing_since < self.fail_seconds

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
        if self.failing():
            self.temporary_failures += 1
            return "451 4.3.0 Temporary failure, try again later"
        self.messages.append(envelope)
        self.peers.append(session.peer)
        return "250 Message accepted"


@contextmanager
def smtp_stub(
    refuse: set[str] | None = None, fail_seconds: float = 0
) -> Iterator[tuple[int, SmtpRecorder]]:
    """An SMTP server on loopback; yields its port and its recorder."""
    recorder = SmtpRecorder(refuse or set(), fail_seconds)
    controller = LoopbackController(recorder)
    controller.start()
    try:
        yield controller.port, recorder
    finally:
        controller.stop()


@contextmanager
def smtp_server(refuse: set[str] | None = None) -> Iterator[tuple[int, list]]:
    """An SMTP server on loopback; yields its port and the envelopes it accepted."""
    with smtp_stub(refuse) as (port, recorder):
        yield port, recorder.messages
