"""Tracking webhooks: authenticated, matched by id and metadata, idempotent on replay."""

import base64
import json

import pytest
from django.utils import timezone

from forms_app.models import Delivery, Submission
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

URL = "/anymail/postmark/tracking/"
AUTH = "Basic " + base64.b64encode(b"hook:secret-123").decode()


@pytest.fixture
def secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret-123"}


@pytest.fixture
def sent(enquiry_page):
    submission = SubmissionFactory(page=enquiry_page, status="notified")
    return DeliveryFactory(
        submission=submission, status="sent", message_id="pm-1", rule="facilitator:12"
    )


def bounce(delivery: Delivery, record: str = "Bounce", kind: str = "HardBounce") -> str:
    return json.dumps(
        {
            "RecordType": record,
            "Type": kind,
            "ID": 42,
            "MessageID": delivery.message_id,
            "Email": delivery.recipient,
            "BouncedAt": timezone.now().isoformat(),
            "DeliveredAt": timezone.now().isoformat(),
            "Description": "Mailbox does not exist",
            "Metadata": {"delivery_id": str(delivery.pk)},
        }
    )


def post(client, body, auth=AUTH):
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    return client.post(URL, body, content_type="application/json", **headers)


def test_unauthenticated_calls_are_rejected(client, secret, sent):
    assert post(client, bounce(sent), auth=None).status_code in (400, 403)
    wrong = "Basic " + base64.b64encode(b"hook:wrong").decode()
    assert post(client, bounce(sent), auth=wrong).status_code in (400, 403)
    sent.refresh_from_db()
    assert sent.status == Delivery.Status.SENT


def test_webhooks_refused_when_no_secret_is_configured(client, settings, sent):
    settings.ANYMAIL = {}
    assert post(client, bounce(sent)).status_code == 403


def test_bounce_marks_delivery_and_flags_facilitator_bounce_once(
    client, secret, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, bounce(sent)).status_code == 200
        assert post(client, bounce(sent)).status_code == 200
        assert post(client, bounce(sent, record="Delivery")).status_code == 200
    sent.refresh_from_db()
    assert sent.status == Delivery.Status.BOUNCED
    assert "Mailbox does not exist" in sent.last_error
    assert Submission.objects.get().status == Submission.Status.FAILED
    alerts = Delivery.objects.filter(kind=Delivery.Kind.FAILURE_ALERT)
    assert list(alerts.values_list("recipient", flat=True)) == [
        "operations@example.org"
    ]


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
