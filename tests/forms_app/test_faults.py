"""Provider faults against real components on loopback: an ESP API stub and SMTP servers."""

import json
import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from forms_app.models import Delivery
from forms_app.tasks import send_delivery
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory
from tests.support.stub_servers import free_port, smtp_server

pytestmark = pytest.mark.django_db


class PostmarkStub(BaseHTTPRequestHandler):
    """Answers 500 for the first `failures` sends, then accepts like Postmark."""

    failures = 1
    received: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        PostmarkStub.received.append(body)
        if len(PostmarkStub.received) <= PostmarkStub.failures:
            self._answer(500, {"ErrorCode": 500, "Message": "Internal error"})
        else:
            self._answer(
                200,
                {
                    "To": body["To"],
                    "SubmittedAt": timezone.now().isoformat(),
                    "MessageID": "stub-message-1",
                    "ErrorCode": 0,
                    "Message": "OK",
                },
            )

    def _answer(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        return


@pytest.fixture
def postmark(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PostmarkStub)
    PostmarkStub.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {
        "POSTMARK_SERVER_TOKEN": "test-token",
        "POSTMARK_API_URL": f"http://127.0.0.1:{server.server_port}/",
    }
    yield PostmarkStub
    server.shutdown()
    server.server_close()


@pytest.fixture
def delivery(enquiry_page):
    return DeliveryFactory(submission=SubmissionFactory(page=enquiry_page))


def make_due(delivery: Delivery) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_provider_500_then_recovery_sends_exactly_once(postmark, delivery):
    assert send_delivery.call(delivery.pk) == "retry"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.QUEUED
    assert "500" in delivery.last_error
    make_due(delivery)
    assert send_delivery.call(delivery.pk) == "sent"
    assert send_delivery.call(delivery.pk) == "skipped"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.message_id == "stub-message-1"
    assert len(postmark.received) == 2
    assert postmark.received[-1]["Metadata"] == {"delivery_id": str(delivery.pk)}


def test_smtp_connection_refused_is_retried(settings, delivery):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    assert send_delivery.call(delivery.pk) == "retry"
    delivery.refresh_from_db()
    assert "ConnectionRefusedError" in delivery.last_error


def test_smtp_refused_recipient_fails_at_once(settings, delivery):
    with smtp_server(refuse={delivery.recipient}) as (port, _accepted):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        assert send_delivery.call(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert "SMTPRecipientsRefused" in delivery.last_error


def test_smtp_timeout_is_retried(settings, delivery):
    # A socket that accepts connections but never greets: the client times out.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = silent.getsockname()[1]
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 0.5
        assert send_delivery.call(delivery.pk) == "retry"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.QUEUED
    assert "timed out" in delivery.last_error.lower()
