"""At most one waiting send task per delivery, whatever sweeps, resends and retries do."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from forms_app.models import Delivery
from forms_app.tasks import send_delivery
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory
from tests.forms_app.conftest import form_data
from tests.forms_app.fake_backends import ScriptedBackend
from tests.forms_app.test_delivery import server_error
from tests.forms_app.test_outbox import DATABASE_QUEUE

pytestmark = [pytest.mark.django_db, pytest.mark.queue]


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "tests.forms_app.fake_backends.ScriptedBackend"
    settings.EMAIL_STUCK_SECONDS = 900
    ScriptedBackend.script = []
    ScriptedBackend.sent = []
    return ScriptedBackend


def waiting_tasks() -> Counter:
    """How many READY send tasks wait for each delivery id."""
    ready = DBTaskResult.objects.filter(
        status="READY", task_path=send_delivery.module_path
    ).values_list("args_kwargs", flat=True)
    return Counter(args_kwargs["args"][0] for args_kwargs in ready)


def sweep(times: int) -> None:
    for _sweep in range(times):
        call_command("resend_stuck_deliveries")


def an_hour_ago():
    return timezone.now() - timedelta(hours=1)


def test_sweeping_an_unattended_queue_again_and_again_adds_no_tasks(
    client, enquiry_page, queue
):
    assert client.post(enquiry_page.url, form_data()).status_code == 302
    deliveries = list(Delivery.objects.values_list("pk", flat=True))
    assert waiting_tasks() == dict.fromkeys(deliveries, 1)
    # No worker for an hour: every delivery is past the stuck limit, its task still waits.
    Delivery.objects.update(updated_at=an_hour_ago())
    assert len(Delivery.objects.stuck()) == 3

    sweep(5)

    assert waiting_tasks() == dict.fromkeys(deliveries, 1)


def test_a_resend_while_a_task_waits_queues_no_second_task(
    admin_client, client, enquiry_page, queue
):
    assert client.post(enquiry_page.url, form_data()).status_code == 302
    delivery = Delivery.objects.filter(kind=Delivery.Kind.ACKNOWLEDGEMENT).get()
    # Staff resent it; before a worker picks that up they press resend again after
    # a failure report, and the sweep runs too.
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED)
    url = (
        f"/admin/forms-app/submissions/{delivery.submission_id}"
        f"/deliveries/{delivery.pk}/resend/"
    )
    assert admin_client.post(url).status_code == 302
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED)
    assert admin_client.post(url).status_code == 302
    sweep(2)

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.QUEUED
    assert waiting_tasks()[delivery.pk] == 1


def test_a_retry_waiting_for_its_time_is_not_queued_again_by_the_sweep(
    enquiry_page, queue
):
    delivery = DeliveryFactory(submission=SubmissionFactory(page=enquiry_page))
    queue.script = [server_error()]
    assert send_delivery.call(delivery.pk) == "retry"
    assert waiting_tasks() == {delivery.pk: 1}
    # The retry's time came an hour ago and no worker ran: stuck, its task waiting.
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=an_hour_ago())
    assert Delivery.objects.stuck().get() == delivery

    sweep(3)

    assert waiting_tasks() == {delivery.pk: 1}


def test_a_task_that_runs_before_the_retry_is_due_hands_the_retry_on(
    enquiry_page, queue
):
    delivery = DeliveryFactory(submission=SubmissionFactory(page=enquiry_page))
    queue.script = [server_error()]
    assert send_delivery.call(delivery.pk) == "retry"
    DBTaskResult.objects.all().delete()

    # A stray task runs early: it sends nothing and leaves the retry queued for its time.
    assert send_delivery.call(delivery.pk) == "skipped"

    delivery.refresh_from_db()
    assert queue.sent == []
    task = DBTaskResult.objects.get(status="READY")
    assert task.args_kwargs["args"] == [delivery.pk]
    assert task.run_after == delivery.next_attempt_at
