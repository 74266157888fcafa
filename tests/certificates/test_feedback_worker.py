"""A real task worker asks each attendee of an ended run for feedback, once."""

from email import message_from_bytes

import pytest

from certificates.models import FeedbackRequest
from forms_app.models import Delivery
from tests.certificates.conftest import attend
from tests.forms_app.test_workers import (
    QUIET_WORKER,
    database_url,
    load_back,
    manage,
    worker_env,
)
from tests.support.stub_servers import smtp_server

pytestmark = [
    pytest.mark.queue,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_worker_emails_each_attendee_one_feedback_link(ended_cohort, tmp_path):
    for place, count in zip(ended_cohort["places"], (6, 4, 2), strict=True):
        attend(ended_cohort["sessions"], place, count)
    url = database_url(tmp_path)

    with smtp_server() as (port, received):
        env = worker_env(
            url,
            tmp_path,
            EMAIL_PROVIDER="smtp",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(port),
            EMAIL_USE_TLS="false",
        )
        manage(*QUIET_WORKER, "--batch", env=env)
        # A second worker run finds the job done and nobody left to ask.
        manage(*QUIET_WORKER, "--batch", env=env)

    load_back(url)
    asked = Delivery.objects.filter(key__startswith="feedback-request:")
    assert asked.count() == 3
    assert set(asked.values_list("status", flat=True)) == {"sent"}
    assert FeedbackRequest.objects.count() == 3
    feedback = [
        envelope
        for envelope in received
        if "/feedback/"
        in message_from_bytes(envelope.content).get_payload(decode=True).decode()
    ]
    sent_to = sorted(address for envelope in feedback for address in envelope.rcpt_tos)
    assert sent_to == [f"person{n}@example.org" for n in (1, 2, 3)]
