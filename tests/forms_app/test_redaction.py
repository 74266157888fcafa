"""No applicant's name, address or answer in error texts, alerts, logs or error emails."""

import base64
import email
import json
import logging
import smtplib
from types import SimpleNamespace

import pytest
from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from forms_app.delivery import describe_error
from forms_app.models import Delivery, Submission
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory
from tests.forms_app.conftest import form_data
from tests.support.stub_servers import smtp_server

pytestmark = pytest.mark.django_db

NAME = "Asha Patel"
ADDRESS = "asha@example.org"
FREE_TEXT = "Our ward sister Bronwen Jones is off sick until March."
PERSONAL = (NAME, ADDRESS, FREE_TEXT, "Dementia care")


def assert_nothing_personal(text: str) -> None:
    for value in PERSONAL:
        assert value.lower() not in text.lower(), value


def app_log(caplog: pytest.LogCaptureFixture) -> str:
    # "mail.log" is the loopback SMTP server standing in for the provider, not the site.
    return "\n".join(
        record.getMessage() + (record.exc_text or "")
        for record in caplog.records
        if not record.name.startswith("mail.log")
    )


def bodies(envelope) -> str:
    message = email.message_from_bytes(envelope.content)
    parts = [p.get_payload(decode=True) for p in message.walk() if not p.is_multipart()]
    return message.get("Subject", "") + "\n".join(p.decode() for p in parts if p)


def test_error_email_for_a_failing_form_post_hides_every_answer(
    client, settings, enquiry_page, post_form, monkeypatch
):
    settings.ADMINS = [("Web team", "webteam@example.org")]
    settings.DEBUG = False
    client.raise_request_exception = False

    def broken(*args, **kwargs):
        raise RuntimeError("storage is broken")

    monkeypatch.setattr("forms_app.outbox.save_with_unique_reference", broken)
    response = post_form(enquiry_page, form_data(message=FREE_TEXT))

    assert response.status_code == 500
    assert Submission.objects.count() == 0
    [report] = [m for m in mail.outbox if m.to == ["webteam@example.org"]]
    assert "RuntimeError" in report.body and "contact_email" in report.body
    assert_nothing_personal(report.subject + report.body)


def test_refused_applicant_address_leaves_no_personal_data_behind(
    settings, enquiry_page, post_form, caplog
):
    caplog.set_level(logging.DEBUG)
    with smtp_server(refuse={ADDRESS}) as (port, accepted):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        post_form(enquiry_page, form_data(message=FREE_TEXT))

    submission = Submission.objects.get()
    ack = submission.deliveries.get(kind=Delivery.Kind.ACKNOWLEDGEMENT)
    assert ack.status == Delivery.Status.FAILED
    assert ack.last_error.startswith("SMTPRecipientsRefused: 550")
    assert_nothing_personal(ack.last_error)
    assert_nothing_personal(json.dumps(ack.attempt_log))

    [alert] = [e for e in accepted if e.rcpt_tos == ["operations@example.org"]]
    text = bodies(alert)
    assert submission.reference in text and "550" in text
    assert_nothing_personal(text)
    assert_nothing_personal(app_log(caplog))


def test_error_email_for_a_failing_expired_session_page_hides_every_answer(
    settings, enquiry_page, monkeypatch
):
    settings.ADMINS = [("Web team", "webteam@example.org")]
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)

    def broken(*args, **kwargs):
        raise RuntimeError("rendering is broken")

    monkeypatch.setattr("forms_app.views.kept_answers_form", broken)
    response = client.post(enquiry_page.url, form_data(message=FREE_TEXT))

    assert response.status_code == 500
    [report] = [m for m in mail.outbox if m.to == ["webteam@example.org"]]
    assert "RuntimeError" in report.body and "contact_email" in report.body
    assert_nothing_personal(report.subject + report.body)


def test_error_email_for_a_failing_erasure_hides_the_address(
    settings, enquiry_page, monkeypatch
):
    settings.ADMINS = [("Web team", "webteam@example.org")]
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(
        get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-1")
    )

    def broken(*args, **kwargs):
        raise RuntimeError("erasing is broken")

    monkeypatch.setattr("forms_app.admin_views._person_submissions", broken)
    response = client.post("/admin/forms-app/person/erase/", {"email": ADDRESS})

    assert response.status_code == 500
    [report] = [m for m in mail.outbox if m.to == ["webteam@example.org"]]
    assert "RuntimeError" in report.body and "email" in report.body
    assert_nothing_personal(report.subject + report.body)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            smtplib.SMTPRecipientsRefused(
                {ADDRESS: (550, b"5.1.1 <asha@example.org>")}
            ),
            "SMTPRecipientsRefused: 550 mailbox unavailable",
        ),
        (
            smtplib.SMTPDataError(554, b"Message from Asha Patel <asha@example.org>"),
            "SMTPDataError: 554 transaction failed",
        ),
        (
            smtplib.SMTPSenderRefused(553, b"asha@example.org", "cpd@example.org"),
            "SMTPSenderRefused: 553 mailbox name not allowed",
        ),
        (
            AnymailAPIError(
                "Invalid 'To' address: asha@example.org",
                status_code=422,
                response=SimpleNamespace(reason="Unprocessable", text=ADDRESS),
            ),
            "AnymailAPIError: HTTP 422 Unprocessable Entity",
        ),
        (
            AnymailRecipientsRefused("Recipient asha@example.org refused"),
            "AnymailRecipientsRefused: recipient refused",
        ),
        (ValueError("Asha Patel <asha@example.org> is bad"), "ValueError"),
    ],
)
def test_errors_are_described_by_class_code_and_fixed_reason(error, expected):
    text = describe_error(error)
    assert text.startswith(expected)
    assert_nothing_personal(text)


URL = "/anymail/postmark/tracking/"
AUTH = "Basic " + base64.b64encode(b"hook:secret-123").decode()


def test_bounce_webhook_keeps_the_code_and_reason_not_the_provider_text(
    client, settings, enquiry_page
):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret-123"}
    submission = SubmissionFactory(page=enquiry_page, status="notified")
    delivery = DeliveryFactory(
        submission=submission,
        kind=Delivery.Kind.ACKNOWLEDGEMENT,
        recipient=ADDRESS,
        status="sent",
        message_id="pm-7",
    )
    moment = timezone.now().isoformat().replace("+00:00", "Z")
    body = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "ID": 7,
        "MessageID": "pm-7",
        "Email": ADDRESS,
        "BouncedAt": moment,
        "Description": f"The mailbox of {NAME} <{ADDRESS}> does not exist",
        "Details": f"smtp;550 5.1.1 <{ADDRESS}>: Recipient address rejected",
        "Metadata": {"delivery_id": str(delivery.pk)},
    }
    response = client.post(
        URL, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=AUTH
    )

    assert response.status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.BOUNCED
    assert delivery.last_error == "bounced: bounced, 550"
    assert_nothing_personal(delivery.last_error)
