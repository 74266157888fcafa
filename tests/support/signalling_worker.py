"""`manage.py run_worker` whose email sweep reports to the test over a loopback socket.

Usage: python -m tests.support.signalling_worker PORT hold|run -- run_worker OPTIONS
Before each sweep it sends "started <pid>"; with "hold" the sweep then waits
until the process is killed (a worker killed mid-sweep), otherwise the real sweep
runs and "finished <pid>" follows once the worker has recorded it.
"""

import os
import socket
import sys
import threading

import django
from django.core.management import call_command


def report(port: int, word: str) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(f"{word} {os.getpid()}\n".encode())


def main() -> None:
    port, hold, command = int(sys.argv[1]), sys.argv[2] == "hold", sys.argv[4:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from forms_app import periodic  # models load only after django.setup()

    real = periodic.JOBS["sweep"]
    run_job_if_due = periodic.run_job_if_due

    def reporting_sweep() -> object:
        report(port, "started")
        if hold:
            threading.Event().wait()  # until SIGKILL
        return real.run()

    def run_and_report(job: periodic.Job, worker_id: str) -> bool:
        succeeded = run_job_if_due(job, worker_id)
        if succeeded and job.name == "sweep":
            report(port, "finished")  # after the worker recorded it
        return succeeded

    periodic.JOBS["sweep"] = periodic.Job("sweep", reporting_sweep, real.interval)
    periodic.run_job_if_due = run_and_report
    call_command(*command)


if __name__ == "__main__":
    main()
