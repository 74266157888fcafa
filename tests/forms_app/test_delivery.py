"""Sending: claims, retries with backoff, permanent failures, alerts and the sweep."""

import smtplib
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.utils import timezone

from forms_app.dashboard import failed_or_stuck_deliveries
from forms_app.delivery import claim_delivery, retry_delay
from forms_app.models import Delivery, Submission
from forms_app.tasks import send_delivery
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory
from tests.forms_app.fake_backends import ScriptedBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.EMAIL_BACKEND = "tests.forms_app.fake_backends.ScriptedBackend"
    settings.EMAIL_MAX_ATTEMPTS = 3
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    ScriptedBackend.script = []
    ScriptedBackend.sent = []
    return ScriptedBackend


@pytest.fixture
def delivery(enquiry_page):
    submission = SubmissionFactory(page=enquiry_page, reference="ENQ-TEST")
    return DeliveryFactory(submission=submission)


def server_error() -> AnymailAPIError:
    response = SimpleNamespace(reason="Service Unavailable", text="down")
    return AnymailAPIError("Provider down", status_code=503, response=response)


def make_due(delivery: Delivery) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_sends_once_and_records_message_id(backend, delivery):
    assert send_delivery.call(delivery.pk) == "sent"
    assert send_delivery.call(delivery.pk) == "skipped"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 1
    assert delivery.message_id == "msg-0"
    assert delivery.sent_at is not None
    assert [entry["outcome"] for entry in delivery.attempt_log] == ["sent"]
    assert len(backend.sent) == 1
    assert backend.sent[0].reply_to == [delivery.submission.contact_email]


def test_claim_is_exclusive(backend, delivery):
    assert claim_delivery(delivery.pk) is not None
    assert claim_delivery(delivery.pk) is None
    assert send_delivery.call(delivery.pk) == "skipped"
    assert backend.sent == []


@pytest.mark.parametrize(
    "error",
    [
        server_error(),
        ConnectionRefusedError("refused"),
        TimeoutError("timed out"),
        smtplib.SMTPServerDisconnected("gone"),
        smtplib.SMTPResponseException(421, b"try later"),
    ],
)
def test_transient_failure_retries_with_backoff_then_sends(backend, delivery, error):
    backend.script = [error]
    before = timezone.now()
    assert send_delivery.call(delivery.pk) == "retry"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.QUEUED
    assert delivery.attempts == 1
    assert type(error).__name__ in delivery.last_error
    assert delivery.next_attempt_at >= before + timedelta(seconds=60)
    # Not due yet: a worker that picks it up early sends nothing.
    assert send_delivery.call(delivery.pk) == "skipped"
    make_due(delivery)
    assert send_delivery.call(delivery.pk) == "sent"
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert [e["outcome"] for e in delivery.attempt_log] == ["retry", "sent"]
    assert len(backend.sent) == 1


def test_backoff_doubles():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]


@pytest.mark.parametrize(
    "error",
    [
        AnymailRecipientsRefused("All recipients refused"),
        smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"no such user")}),
        AnymailAPIError(
            "Bad request",
            status_code=422,
            response=SimpleNamespace(reason="Unprocessable", text="invalid"),
        ),
    ],
)
def test_permanent_failure_fails_at_once_and_alerts_operations(
    backend, delivery, error, django_capture_on_commit_callbacks
):
    backend.script = [error]
    with django_capture_on_commit_callbacks(execute=True):
        assert send_delivery.call(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 1
    assert (
        delivery.submission.__class__.objects.get().status == Submission.Status.FAILED
    )
    alert = Delivery.objects.get(kind=Delivery.Kind.FAILURE_ALERT)
    assert alert.recipient == "operations@example.org"
    assert alert.status == Delivery.Status.SENT
    assert backend.sent[-1].to == ["operations@example.org"]
    assert "ENQ-TEST" in backend.sent[-1].subject


def test_gives_up_after_max_attempts(
    backend, delivery, django_capture_on_commit_callbacks
):
    backend.script = [server_error(), server_error(), server_error()]
    outcomes = []
    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(3):
            make_due(delivery)
            outcomes.append(send_delivery.call(delivery.pk))
    assert outcomes == ["retry", "retry", "failed"]
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 3
    assert [m.to for m in backend.sent] == [["operations@example.org"]]


def test_sweep_requeues_a_delivery_left_sending_by_a_killed_worker(
    backend, delivery, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_STUCK_SECONDS = 60
    claim_delivery(delivery.pk)
    Delivery.objects.filter(pk=delivery.pk).update(
        claimed_at=timezone.now() - timedelta(minutes=5)
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("resend_stuck_deliveries", stdout=out)
    assert "Re-queued 1" in out.getvalue()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert len(backend.sent) == 1


def test_sweep_leaves_recent_and_sent_deliveries_alone(backend, delivery, settings):
    settings.EMAIL_STUCK_SECONDS = 60
    claim_delivery(delivery.pk)
    sent = DeliveryFactory(submission=delivery.submission, recipient="x@example.org")
    Delivery.objects.filter(pk=sent.pk).update(status=Delivery.Status.SENT)
    out = StringIO()
    call_command("resend_stuck_deliveries", stdout=out)
    assert "Re-queued 0" in out.getvalue()
    assert backend.sent == []


def test_sweep_and_dashboard_agree_an_email_waiting_for_its_retry_is_not_stuck(
    backend, delivery, settings
):
    settings.EMAIL_STUCK_SECONDS = 60
    an_hour_ago = timezone.now() - timedelta(hours=1)
    overdue = DeliveryFactory(submission=delivery.submission, recipient="x@example.org")
    Delivery.objects.filter(pk=delivery.pk).update(
        created_at=an_hour_ago, next_attempt_at=timezone.now() + timedelta(minutes=10)
    )
    Delivery.objects.filter(pk=overdue.pk).update(
        created_at=an_hour_ago, next_attempt_at=timezone.now() - timedelta(minutes=5)
    )
    shown = failed_or_stuck_deliveries(Submission.objects.all())
    assert list(shown) == [overdue]
    out = StringIO()
    call_command("resend_stuck_deliveries", stdout=out)
    assert "Re-queued 1" in out.getvalue()


def test_newline_in_recipient_is_never_sent(backend, delivery):
    Delivery.objects.filter(pk=delivery.pk).update(
        recipient="a@example.org\nBcc: victim@example.org"
    )
    assert send_delivery.call(delivery.pk) == "failed"
    assert "victim" not in str([m.to for m in backend.sent])


def test_settings_that_let_the_sweep_race_a_live_send_stop_start_up(settings):
    settings.EMAIL_TIMEOUT = 20
    settings.EMAIL_STUCK_SECONDS = 20
    with pytest.raises(SystemCheckError, match=r"forms_app\.E001"):
        call_command("check")
    settings.EMAIL_STUCK_SECONDS = 21
    call_command("check", stdout=StringIO())
