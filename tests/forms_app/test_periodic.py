"""Periodic jobs the workers share: the sweep's health on the dashboard, one alert per
late spell, and pruning of finished task rows."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.search_promotions.models import (
    Query,
    QueryDailyHits,
    SearchPromotion,
)

from forms_app import periodic
from forms_app.models import PeriodicJob
from tests.forms_app.conftest import form_data
from tests.forms_app.test_outbox import DATABASE_QUEUE

# The worker closes its connection between tasks: the rows must be committed.
pytestmark = [
    pytest.mark.queue,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORKER = ["run_worker", "--backend", "queue", "--queue-name", "*", "--batch"]


def run_worker() -> None:
    call_command(*WORKER, "--no-startup-delay", stdout=StringIO())


def dashboard(admin_client) -> str:
    return admin_client.get("/admin/").content.decode()


def fall_behind(settings) -> None:
    """Three sweep intervals pass since the sweep last succeeded; it is due again."""
    behind = timezone.now() - timedelta(
        seconds=3 * settings.EMAIL_SWEEP_INTERVAL_SECONDS
    )
    PeriodicJob.objects.filter(name="sweep").update(
        last_finished_at=behind, due_at=behind
    )


def test_a_failing_sweep_warns_on_the_dashboard_and_emails_operations_once_per_spell(
    admin_client, enquiry_page, settings, monkeypatch
):
    settings.TASKS = DATABASE_QUEUE
    assert "The check for stuck emails has never run" in dashboard(admin_client)
    run_worker()
    assert "The check for stuck emails last ran" in dashboard(admin_client)
    assert "is late" not in dashboard(admin_client)

    def broken_sweep() -> int:
        raise RuntimeError("sweep broke")

    working = periodic.JOBS["sweep"]
    monkeypatch.setitem(
        periodic.JOBS, "sweep", periodic.Job("sweep", broken_sweep, working.interval)
    )
    fall_behind(settings)
    for _check in range(3):
        run_worker()
        PeriodicJob.objects.filter(name="sweep").update(due_at=timezone.now())

    assert "The check for stuck emails is late" in dashboard(admin_client)
    assert [m.to for m in mail.outbox] == [["operations@example.org"]]
    alert = mail.outbox[0]
    assert "sweep" in alert.subject
    assert "@" not in alert.body

    # It recovers, then falls behind again: a new spell, a new email.
    monkeypatch.setitem(periodic.JOBS, "sweep", working)
    run_worker()
    assert "is late" not in dashboard(admin_client)
    monkeypatch.setitem(
        periodic.JOBS, "sweep", periodic.Job("sweep", broken_sweep, working.interval)
    )
    fall_behind(settings)
    run_worker()
    run_worker()
    assert len(mail.outbox) == 2


def test_workers_delete_finished_task_rows_past_the_keep_limit(
    client, enquiry_page, settings
):
    settings.TASKS = DATABASE_QUEUE
    settings.TASK_RESULTS_KEEP_DAYS = 7
    assert client.post(enquiry_page.url, form_data()).status_code == 302
    run_worker()
    old = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert len(old) == 3
    # Eight days pass; a new submission's tasks finish, and the hourly prune is due.
    DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(days=8))
    response = client.post(
        enquiry_page.url, form_data(contact_email="other@example.org")
    )
    assert response.status_code == 302
    run_worker()
    PeriodicJob.objects.filter(name="prune_tasks").update(due_at=timezone.now())

    run_worker()

    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert len(left) == 3
    assert not left & old
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_workers_forget_search_terms_past_the_keep_limit(client, home_page, settings):
    settings.TASKS = DATABASE_QUEUE
    settings.WAGTAILSEARCH_HITS_MAX_AGE = 7
    for term in ("a visitor's name", "empathy"):
        assert client.get("/search/", {"q": term}).status_code == 200
    promoted = Query.get("empathy")
    SearchPromotion.objects.create(query=promoted, page=home_page, sort_order=0)
    assert Query.objects.count() == 2
    # Eight days pass, and the job is due.
    QueryDailyHits.objects.update(date=timezone.localdate() - timedelta(days=8))
    run_worker()
    PeriodicJob.objects.filter(name="prune_search_terms").update(due_at=timezone.now())

    run_worker()

    assert list(Query.objects.values_list("query_string", flat=True)) == ["empathy"]
    assert not QueryDailyHits.objects.exists()
