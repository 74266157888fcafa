"""Tracking webhooks: authenticated, matched by id and metadata, idempotent on replay."""

import base64
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from forms_app import tracking
from forms_app.models import Delivery, Submission
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory
from tests.forms_app import test_applications
from tests.forms_app.test_applications import answers
from tests.support.stub_servers import PostmarkStub

pytestmark = pytest.mark.django_db

# The published courses, facilitators and application forms test_applications uses.
setting = test_applications.setting

URL = "/anymail/postmark/tracking/"
AUTH = "Basic " + base64.b64encode(b"hook:secret-123").decode()


@pytest.fixture
def secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret-123"}


@pytest.fixture
def sent(enquiry_page):
    submission = SubmissionFactory(page=enquiry_page, status="notified")
    return DeliveryFactory(submission=submission, status="sent", message_id="pm-1")


def postmark_time() -> str:
    return timezone.now().isoformat().replace("+00:00", "Z")


def bounce(delivery: Delivery, record: str = "Bounce", kind: str = "HardBounce") -> str:
    return json.dumps(
        {
            "RecordType": record,
            "Type": kind,
            "ID": 42,
            "MessageID": delivery.message_id,
            "Email": delivery.recipient,
            "BouncedAt": postmark_time(),
            "DeliveredAt": postmark_time(),
            "Description": "Mailbox does not exist",
            "Metadata": {"delivery_id": str(delivery.pk)},
        }
    )


def post(client, body, auth=AUTH):
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    return client.post(URL, body, content_type="application/json", **headers)


def test_unauthenticated_calls_are_rejected(client, secret, sent):
    # anymail answers a missing or wrong webhook password with 400.
    assert post(client, bounce(sent), auth=None).status_code == 400
    wrong = "Basic " + base64.b64encode(b"hook:wrong").decode()
    assert post(client, bounce(sent), auth=wrong).status_code == 400
    sent.refresh_from_db()
    assert sent.status == Delivery.Status.SENT


def test_webhooks_refused_when_no_secret_is_configured(client, settings, sent):
    settings.ANYMAIL = {}
    assert post(client, bounce(sent)).status_code == 403


@pytest.fixture
def postmark(settings):
    """anymail's Postmark backend sending to a Postmark-shaped API on loopback."""
    with PostmarkStub().running() as stub:
        settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
        settings.ANYMAIL = {
            "POSTMARK_SERVER_TOKEN": "stub-token",
            "POSTMARK_API_URL": stub.url,
            "WEBHOOK_SECRET": "hook:secret-123",
        }
        yield stub


def postmark_bounce(sent: dict, message_id: str) -> dict:
    """Postmark's bounce webhook body for a message it accepted as `sent`."""
    return {
        "RecordType": "Bounce",
        "MessageStream": "outbound",
        "ID": 4323372036854775807,
        "Type": "HardBounce",
        "TypeCode": 1,
        "Name": "Hard bounce",
        "Tag": sent["Tag"],
        "MessageID": message_id,
        "Metadata": sent["Metadata"],
        "ServerID": 23,
        "Description": "The server was unable to deliver your message "
        "(ex: unknown user, mailbox not found).",
        "Details": "smtp;550 5.1.1 Mailbox does not exist",
        "Email": sent["To"],
        "From": sent["From"],
        "BouncedAt": postmark_time(),
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": True,
        "Subject": sent["Subject"],
    }


def test_bounce_on_a_course_facilitators_address_alerts_operations_once(
    client, setting, post_form, postmark, django_capture_on_commit_callbacks
):
    post_form(setting["form_a"], answers(setting["run_a"]))
    to_lead = Delivery.objects.get(recipient="lead-a@example.org")
    assert to_lead.audience == Delivery.Audience.FACILITATOR
    assert to_lead.rule.startswith("course-facilitator:")
    assert to_lead.status == Delivery.Status.SENT
    sent = next(m for m in postmark.received if m["To"] == "lead-a@example.org")
    assert sent["Metadata"] == {"delivery_id": str(to_lead.pk)}

    body = json.dumps(postmark_bounce(sent, to_lead.message_id))
    delivered = json.dumps(
        {
            "RecordType": "Delivery",
            "MessageID": to_lead.message_id,
            "Recipient": sent["To"],
            "DeliveredAt": postmark_time(),
            "Metadata": sent["Metadata"],
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, body).status_code == 200
        assert post(client, body).status_code == 200
        assert post(client, delivered).status_code == 200

    to_lead.refresh_from_db()
    assert to_lead.status == Delivery.Status.BOUNCED
    # The provider's own words may echo the address: only its code and reason stay.
    assert to_lead.last_error == "bounced: bounced, 550"
    assert Submission.objects.get().status == Submission.Status.FAILED
    alert = Delivery.objects.get(kind=Delivery.Kind.FAILURE_ALERT)
    assert alert.recipient == "operations@example.org"
    assert alert.audience == Delivery.Audience.OPERATIONS
    assert alert.status == Delivery.Status.SENT
    assert postmark.received[-1]["To"] == "operations@example.org"
    assert postmark.received[-1]["Metadata"] == {"delivery_id": str(alert.pk)}


def test_bounce_on_a_team_address_fails_the_submission_without_an_alert(
    client, secret, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, bounce(sent)).status_code == 200
    sent.refresh_from_db()
    assert sent.status == Delivery.Status.BOUNCED
    assert sent.last_error == "bounced: bounced"
    assert Submission.objects.get().status == Submission.Status.FAILED
    assert not Delivery.objects.filter(kind=Delivery.Kind.FAILURE_ALERT).exists()


def test_delivered_event_and_mismatched_message_id(client, secret, sent):
    other = DeliveryFactory(
        submission=sent.submission,
        recipient="x@example.org",
        status="sent",
        message_id="pm-2",
    )
    forged = json.loads(bounce(sent, record="Delivery"))
    forged["MessageID"] = "pm-2"
    post(client, json.dumps(forged))
    post(client, bounce(other, record="Delivery"))
    sent.refresh_from_db()
    other.refresh_from_db()
    assert sent.status == Delivery.Status.SENT
    assert other.status == Delivery.Status.DELIVERED


def test_a_webhook_failing_part_way_changes_nothing_and_the_retry_repairs_both(
    client, secret, sent, monkeypatch
):
    real_refresh = tracking.refresh_submission_status

    def refresh_fails_once(submission_id: int) -> None:
        monkeypatch.setattr(tracking, "refresh_submission_status", real_refresh)
        raise RuntimeError("database went away")

    monkeypatch.setattr(tracking, "refresh_submission_status", refresh_fails_once)
    client.raise_request_exception = False
    assert post(client, bounce(sent)).status_code == 500
    sent.refresh_from_db()
    assert sent.status == Delivery.Status.SENT
    assert Submission.objects.get().status == Submission.Status.NOTIFIED

    # The provider retries the same event.
    assert post(client, bounce(sent)).status_code == 200
    sent.refresh_from_db()
    assert sent.status == Delivery.Status.BOUNCED
    assert Submission.objects.get().status == Submission.Status.FAILED


def test_the_sweep_repairs_a_submission_whose_status_disagrees_with_its_emails(
    enquiry_page,
):
    wrong = SubmissionFactory(page=enquiry_page, status="notified")
    DeliveryFactory(submission=wrong, status="bounced", message_id="pm-1")
    right = SubmissionFactory(page=enquiry_page, status="notified")
    DeliveryFactory(submission=right, status="delivered", message_id="pm-2")
    held = SubmissionFactory(page=enquiry_page, status="quarantined")

    call_command("resend_stuck_deliveries", stdout=StringIO())

    statuses = dict(Submission.objects.values_list("pk", "status"))
    assert statuses == {
        wrong.pk: Submission.Status.FAILED,
        right.pk: Submission.Status.NOTIFIED,
        held.pk: Submission.Status.QUARANTINED,
    }
