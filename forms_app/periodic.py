"""Periodic jobs the task workers share: whichever worker is alive runs what is due.

Each job has a `PeriodicJob` row. Between tasks and while idle a worker calls
`run_due_jobs`: it claims each due job with a conditional UPDATE that sets a lease
(`claimed_until`), runs it, and schedules the next run. A worker killed mid-job
leaves only its lease behind; once that passes, any worker takes the job over.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from forms_app.models import PeriodicJob
from forms_app.tasks import sweep_deliveries
from home.cdn_purge import RETRY_SECONDS as CDN_PURGE_RETRY_SECONDS
from home.cdn_purge import retry_failed_purge
from home.models import SiteSettings

logger = logging.getLogger(__name__)

TASK_PRUNE_INTERVAL_SECONDS = 3600
SEARCH_TERMS_PRUNE_INTERVAL_SECONDS = 6 * 3600


def prune_task_results() -> int:
    """Delete finished task rows older than TASK_RESULTS_KEEP_DAYS; how many went."""
    cutoff = timezone.now() - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    deleted, _by_model = (
        DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    )
    return deleted


def prune_search_terms() -> None:
    """Forget what visitors typed into site search after WAGTAILSEARCH_HITS_MAX_AGE days.

    Terms can be names; a term an editor promotes results for is kept.
    """
    QueryDailyHits.garbage_collect()
    Query.garbage_collect()


@dataclass(frozen=True)
class Job:
    """A job's name, what it runs and how often (seconds, read from settings)."""

    name: str
    run: Callable[[], object]
    interval: Callable[[], int]

    def interval_delta(self) -> timedelta:
        return timedelta(seconds=self.interval())


JOBS = {
    "sweep": Job(
        "sweep", sweep_deliveries, lambda: settings.EMAIL_SWEEP_INTERVAL_SECONDS
    ),
    "prune_tasks": Job(
        "prune_tasks", prune_task_results, lambda: TASK_PRUNE_INTERVAL_SECONDS
    ),
    "prune_search_terms": Job(
        "prune_search_terms",
        prune_search_terms,
        lambda: SEARCH_TERMS_PRUNE_INTERVAL_SECONDS,
    ),
    # Tries a failed CDN purge again; late (operations told) while the CDN refuses.
    "cdn_purge": Job("cdn_purge", retry_failed_purge, lambda: CDN_PURGE_RETRY_SECONDS),
}


def register_job(job: Job) -> None:
    """Add a job of a layer above (e.g. places' offers); forms_app never imports it."""
    JOBS[job.name] = job


def job_row(job: Job) -> PeriodicJob:
    """The job's row, made due now the first time it is asked for."""
    try:
        row, _created = PeriodicJob.objects.get_or_create(
            name=job.name, defaults={"due_at": timezone.now()}
        )
    except IntegrityError:  # another worker made it at the same moment
        row = PeriodicJob.objects.get(name=job.name)
    return row


def claim_job(job: Job, worker_id: str) -> datetime | None:
    """Claim a due job whose last claim is free or expired; the claim's start, or None.

    The lease lasts one interval: a killed worker's job runs again within one
    interval of when it claimed it.
    """
    now = timezone.now()
    claimed = (
        PeriodicJob.objects.filter(name=job.name, due_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
        .update(
            claimed_until=now + job.interval_delta(),
            claimed_by=worker_id,
            last_started_at=now,
        )
    )
    return now if claimed else None


def finish_job(job: Job, worker_id: str, started: datetime, succeeded: bool) -> None:
    """Release our claim and schedule the next run; a success also ends any lateness."""
    now = timezone.now()
    changes = {
        "claimed_until": None,
        "claimed_by": "",
        "due_at": now + job.interval_delta(),
    }
    if succeeded:
        changes |= {"last_finished_at": now, "late_alert_sent_at": None}
    PeriodicJob.objects.filter(
        name=job.name, claimed_by=worker_id, last_started_at=started
    ).update(**changes)


def run_job_if_due(job: Job, worker_id: str) -> bool:
    """Run the job if this worker could claim it; whether it ran and succeeded."""
    started = claim_job(job, worker_id)
    if started is None:
        return False
    try:
        job.run()
    except Exception:  # a failing job must not stop the worker; it shows as late
        logger.exception("Periodic job %s failed", job.name)
        finish_job(job, worker_id, started, succeeded=False)
        return False
    finish_job(job, worker_id, started, succeeded=True)
    return True


def looks_due(row: PeriodicJob, now: datetime) -> bool:
    """Due and not claimed by a live lease (the claim itself decides, atomically)."""
    return row.due_at <= now and (row.claimed_until is None or row.claimed_until <= now)


def run_due_jobs(worker_id: str) -> None:
    """Run every due job this worker can claim, then tell operations of any late one.

    Called every second by an idle worker: one read when nothing is due, no write.
    """
    rows = {row.name: row for row in PeriodicJob.objects.all()}
    for job in JOBS.values():
        try:
            row = rows.get(job.name) or job_row(job)
            if looks_due(row, timezone.now()):
                run_job_if_due(job, worker_id)
            alert_if_late(job, row)
        except DatabaseError:  # e.g. SQLite busy: the worker lives on, tries again
            logger.exception("Periodic job %s could not be checked", job.name)


@dataclass(frozen=True)
class JobHealth:
    """When a job last finished, and whether it is late (what the dashboard shows)."""

    last_finished_at: datetime | None
    late: bool


def is_late(row: PeriodicJob, job: Job, now: datetime) -> bool:
    """No success for two intervals since the last one (or since the row was made)."""
    since = row.last_finished_at or row.created_at
    return now - since > 2 * job.interval_delta()


def job_health(name: str) -> JobHealth:
    """The job's health; a job no worker has ever seen counts as late."""
    job = JOBS[name]
    row = PeriodicJob.objects.filter(name=name).first()
    if row is None:
        return JobHealth(last_finished_at=None, late=True)
    return JobHealth(row.last_finished_at, is_late(row, job, timezone.now()))


def alert_if_late(job: Job, row: PeriodicJob) -> bool:
    """Email operations once when a job turns late; again only after it has recovered."""
    now = timezone.now()
    if row.late_alert_sent_at is not None or not is_late(row, job, now):
        return False
    row.refresh_from_db()  # it may have just run
    if row.late_alert_sent_at is not None or not is_late(row, job, now):
        return False
    taken = PeriodicJob.objects.filter(
        pk=row.pk, late_alert_sent_at__isnull=True
    ).update(late_alert_sent_at=now)
    if not taken:
        return False
    addresses = sorted(
        set(
            SiteSettings.objects.exclude(operations_email="").values_list(
                "operations_email", flat=True
            )
        )
    )
    if not addresses:
        logger.error(
            "Periodic job %s is late and no operations address is set", job.name
        )
        return False
    try:
        send_mail(
            f"Background job late: {job.name}",
            late_job_text(row, job),
            None,
            addresses,
        )
    except Exception:  # the dashboard still warns; retrying every second would flood
        logger.exception("Could not email operations that job %s is late", job.name)
        return False
    return True


def late_job_text(row: PeriodicJob, job: Job) -> str:
    """The alert's body: the job and its times, nothing about any person."""
    last = row.last_finished_at.isoformat() if row.last_finished_at else "never"
    return (
        f"The background job '{job.name}' should run every {job.interval()} seconds "
        f"but last finished: {last}.\n"
        "Task workers are running (one sent this email), so the job itself is "
        "failing or hanging: check the workers' logs for 'Periodic job'.\n"
        "You will get this email again only after the job has recovered and "
        "fallen behind once more."
    )
