"""A real redis-server on a free loopback port, for the tests that need Redis.

Skips the test when redis-server is not installed, unless REQUIRE_REDIS_TESTS=1
(as CI sets it), which makes a missing server a failure.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from tests.support.stub_servers import free_port

START_SECONDS = 20


@dataclass
class RedisServer:
    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def flush(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            s.sendall(b"FLUSHALL\r\n")
            assert s.recv(16).startswith(b"+OK")

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Redis hung: it accepts connections (the kernel does) but never answers."""
        self.process.send_signal(signal.SIGSTOP)
        try:
            yield
        finally:
            self.resume()

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)


def redis_binary() -> str:
    found = shutil.which("redis-server") or shutil.which(
        "redis-server", path="/usr/sbin:/usr/bin"
    )
    if found:
        return found
    reason = "redis-server is not installed (apt-get install redis-server)"
    if os.environ.get("REQUIRE_REDIS_TESTS") == "1":
        pytest.fail(f"REQUIRE_REDIS_TESTS=1 but {reason}")
    pytest.skip(reason)


def real_clock_env() -> dict[str, str]:
    """This environment without libfaketime, under which redis-server hangs at start.

    Redis only counts relative expiry times, so the suite's moved clock still holds.
    """
    return {
        name: value
        for name, value in os.environ.items()
        if name != "LD_PRELOAD" and not name.startswith("FAKETIME")
    }


@contextmanager
def redis_server() -> Iterator[RedisServer]:
    """Start redis-server on 127.0.0.1 with no persistence; stop it at the end."""
    binary = redis_binary()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="redis-test-") as folder:
        process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(port)]
            + ["--save", "", "--appendonly", "no", "--dir", folder],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=real_clock_env(),
        )
        server = RedisServer(process, port)
        try:
            deadline = time.monotonic() + START_SECONDS
            while not server.ping():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {port}")
                time.sleep(0.05)
            yield server
        finally:
            process.send_signal(signal.SIGCONT)
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
