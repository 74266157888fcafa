"""The submission, its deliveries and their queued tasks commit together or not at all."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from forms_app import outbox
from forms_app.models import Delivery, Submission
from tests.forms_app.conftest import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.queue]

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE


# The worker closes its connection between tasks, as a real worker does; that
# needs a test outside the per-test transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_post_stores_rows_and_tasks_and_sends_nothing_until_a_worker_runs(
    client, enquiry_page, database_queue
):
    response = client.post(enquiry_page.url, form_data())
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.deliveries.count() == 3
    assert DBTaskResult.objects.filter(status="READY").count() == 3
    assert mail.outbox == []

    call_command(
        "run_worker",
        "--batch",
        "--backend",
        "queue",
        "--queue-name",
        "*",
        "--no-startup-delay",
    )
    assert len(mail.outbox) == 3
    assert set(submission.deliveries.values_list("status", flat=True)) == {"sent"}


def test_failure_mid_transaction_leaves_nothing(
    client, enquiry_page, database_queue, monkeypatch
):
    calls = []
    original = outbox.enqueue_delivery

    def enqueue_then_fail(delivery_id, run_after=None):
        original(delivery_id, run_after)
        calls.append(delivery_id)
        if len(calls) == 2:
            raise RuntimeError("database went away mid-transaction")

    monkeypatch.setattr(outbox, "enqueue_delivery", enqueue_then_fail)
    client.raise_request_exception = False
    response = client.post(enquiry_page.url, form_data())

    assert response.status_code == 500
    assert len(calls) == 2
    assert Submission.objects.count() == 0
    assert Delivery.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []
