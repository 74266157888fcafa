"""Data migrations: rows written before a field existed get the value it now holds."""

from importlib import import_module

import pytest
from django.apps import apps
from django_tasks_db.models import DBTaskResult

from forms_app.models import Delivery
from forms_app.tasks import send_delivery
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory
from tests.forms_app.test_outbox import DATABASE_QUEUE

pytestmark = pytest.mark.django_db

audience_migration = import_module("forms_app.migrations.0003_delivery_audience")


def test_audience_is_filled_from_kind_and_rule(enquiry_page):
    submission = SubmissionFactory(page=enquiry_page)
    written_before = {
        ("notification", "team", "team@example.org"): "team",
        ("notification", "answer:format=In person", "a@example.org"): "answer_rule",
        ("notification", "facilitator:12", "f@example.org"): "facilitator",
        ("notification", "course-facilitator:7", "c@example.org"): "facilitator",
        ("acknowledgement", "sender", "asha@example.org"): "applicant",
        ("failure_alert", "operations", "ops@example.org"): "operations",
    }
    for kind, rule, recipient in written_before:
        # The migration adds the field with "team" in every existing row.
        DeliveryFactory(
            submission=submission,
            kind=kind,
            rule=rule,
            recipient=recipient,
            audience=Delivery.Audience.TEAM,
        )

    audience_migration.fill_audience(apps, schema_editor=None)

    filled = {(d.kind, d.rule, d.recipient): d.audience for d in Delivery.objects.all()}
    assert filled == written_before


jobs_migration = import_module("forms_app.migrations.0005_periodic_jobs_and_send_task")


@pytest.mark.queue
def test_the_old_self_rescheduling_sweep_left_waiting_is_dropped(settings):
    settings.TASKS = DATABASE_QUEUE
    send_delivery.enqueue(1)
    send_delivery.enqueue(2)
    DBTaskResult.objects.filter(args_kwargs__args=[1]).update(
        task_path=jobs_migration.OLD_SWEEP, args_kwargs={"args": [], "kwargs": {}}
    )

    jobs_migration.drop_waiting_self_rescheduling_sweeps(apps, None)

    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        send_delivery.module_path
    ]
