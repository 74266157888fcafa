"""Issuing queues the certificate emails; a real task worker sends them over SMTP
on loopback, once each, however often staff press the button."""

import email
import email.policy

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from certificates.models import Certificate, CertificateEvent
from forms_app.models import Delivery
from forms_app.sending import close_connection
from staff.roles import COMMUNICATIONS
from tests.certificates.conftest import attend
from tests.support.roles import client_for, staff_user
from tests.support.stub_servers import smtp_stub

# The worker closes its connection between tasks, as a real worker does.
pytestmark = [
    pytest.mark.queue,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def run_worker() -> None:
    call_command(
        "run_worker",
        "--batch",
        "--backend",
        "queue",
        "--queue-name",
        "*",
        "--no-startup-delay",
    )


def test_the_worker_sends_each_certificate_email_once(ended_cohort, settings):
    settings.TASKS = DATABASE_QUEUE
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    six, four, _two = ended_cohort["places"]
    attend(sessions, six, 6)
    attend(sessions, four, 5)
    comms = client_for(staff_user(COMMUNICATIONS, "comms"))
    url = reverse("certificates_admin:run", args=[run.pk])

    with smtp_stub() as (port, recorder):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        assert comms.post(url, {"step": "confirm"}).status_code == 302
        assert Certificate.objects.count() == 2
        assert DBTaskResult.objects.filter(status="READY").count() == 2
        assert recorder.messages == []  # nothing is sent in the request
        # A second press while the emails wait issues and queues nothing more.
        comms.post(url, {"step": "confirm"})
        assert DBTaskResult.objects.count() == 2
        try:
            run_worker()
            run_worker()
        finally:
            close_connection()
        parsed = [
            email.message_from_bytes(m.original_content, policy=email.policy.default)
            for m in recorder.messages
        ]
    # The worker's periodic jobs also ask these attendees for feedback; count the
    # emails that carry a certificate.
    received = sorted(
        message["To"]
        for message in parsed
        if "/certificates/download/" in message.get_body().get_content()
    )
    assert received == sorted([six.email, four.email])
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert (
        CertificateEvent.objects.filter(action=CertificateEvent.Action.SENT).count()
        == 2
    )
