"""django-tasks-db's `db_worker`, also running the periodic jobs that are due.

Same options as `db_worker`. The loop is upstream's (django-tasks-db 0.13) with one
addition: before looking for a task, the worker runs any periodic job it can claim
(`forms_app.periodic`), so it does so between tasks and while idle.
"""

import logging
import os
import random
import time

from django.core.management.base import CommandError
from django.db import close_old_connections
from django.db.utils import OperationalError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from forms_app.periodic import run_due_jobs

logger = logging.getLogger("django_tasks_db")


class Worker(db_worker.Worker):
    def next_task(self) -> tuple[bool, DBTaskResult | None]:
        """Claim the next ready task; (whether the queue could be read, the task)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
            except OperationalError as error:
                # A locked SQLite database unlocks eventually: try again later.
                if is_locked_database_exception(error):
                    return False, None
                raise
        return True, task_result

    def run_periodic_jobs(self) -> None:
        # Flagged as a task so that Ctrl-C or SIGTERM lets the job finish first.
        self.running_task = True
        try:
            run_due_jobs(self.worker_id)
        finally:
            self.running_task = False

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s with periodic jobs", self.worker_id)
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads workers started together
        while self.running:
            close_old_connections()
            self.run_periodic_jobs()
            if not self.running:
                return
            retrieved, task_result = self.next_task()
            if task_result is not None:
                self.run_task(task_result)
            if self.batch and retrieved and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and not task_result:
                time.sleep(self.interval)


class Command(db_worker.Command):
    help = "Run a database task worker that also runs the periodic jobs when due"

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        exclude_queues: str,
        reload: bool,
        batch: bool,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloaded child handles signals
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
