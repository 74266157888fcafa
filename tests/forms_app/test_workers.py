"""Real worker processes: killed mid-send or mid-sweep, absent for a while, two at once."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone

from forms_app.models import Delivery, PeriodicJob, Submission
from forms_app.tasks import send_delivery
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory
from tests.forms_app.conftest import form_data
from tests.forms_app.test_outbox import DATABASE_QUEUE
from tests.support.stub_servers import PostmarkStub, smtp_server

# Workers are other processes: the rows must be committed, and the migrated pages
# restored after each flush.
pytestmark = [
    pytest.mark.queue,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
WORKER = ["run_worker", "--backend", "queue", "--queue-name", "*"]
QUIET_WORKER = [*WORKER, "--no-reload", "--no-startup-delay", "--interval", "0.2"]
WAIT_SECONDS = 60


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def database_url(tmp_path: Path) -> str:
    """A URL other processes can open for the test database, copying SQLite to a file."""
    if is_postgresql():
        db = connection.settings_dict
        password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
        host = quote(db["HOST"] or "localhost", safe="")
        port = f":{db['PORT']}" if db["PORT"] else ""
        return f"postgres://{db['USER']}{password}@{host}{port}/{db['NAME']}"
    # The test database lives in memory: hand the workers a file copy of it.
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    return f"sqlite:///{path}"


def load_back(url: str) -> None:
    """Copy the workers' SQLite file back into the test database; PostgreSQL is shared."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as source:
            source.backup(connection.connection)


def worker_env(url: str, tmp_path: Path, **email: str) -> dict[str, str]:
    """Development settings on the shared database, sending through the given provider."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": url,
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
        **email,
    }


def manage(*args: str, env: dict[str, str], timeout: float = WAIT_SECONDS) -> str:
    """Run a management command in its own process; its output, failing loudly."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def post_enquiry(client, page, settings, email: str = "asha@example.org"):
    """A visitor posts the form with sends queued on the database, as in production."""
    settings.TASKS = DATABASE_QUEUE
    return client.post(page.url, form_data(contact_email=email))


def start_worker(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill(worker: subprocess.Popen) -> None:
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=WAIT_SECONDS)
    assert worker.returncode == -signal.SIGKILL


def age_claims(url: str, tmp_path: Path, seconds: int) -> str:
    """Move every delivery's claim back in time; the URL the workers use from now on."""
    load_back(url)
    Delivery.objects.update(claimed_at=F("claimed_at") - timedelta(seconds=seconds))
    return database_url(tmp_path)


def test_worker_killed_mid_send_is_resent_once_only_after_the_lease(
    client, enquiry_page, settings, tmp_path
):
    response = post_enquiry(client, enquiry_page, settings)
    assert response.status_code == 302
    submission = Submission.objects.get()
    expected = sorted(submission.deliveries.values_list("recipient", flat=True))
    url = database_url(tmp_path)

    with PostmarkStub(script=["hang"]).running() as stub:
        env = worker_env(
            url,
            tmp_path,
            EMAIL_PROVIDER="postmark",
            POSTMARK_SERVER_TOKEN="stub-token",
            POSTMARK_API_URL=stub.url,
        )
        worker = start_worker(env, str(ROOT / "manage.py"), *QUIET_WORKER)
        try:
            # The provider holds the first request open: the worker is mid-send.
            assert stub.arrived.wait(timeout=WAIT_SECONDS)
        finally:
            kill(worker)
        hung_to = parseaddr(stub.requests[0]["To"])[1]

        # Within the lease the sweep leaves the claimed email alone; the rest go.
        assert "Re-queued 0" in manage("resend_stuck_deliveries", env=env)
        manage(*QUIET_WORKER, "--batch", env=env)
        assert hung_to not in [parseaddr(m["To"])[1] for m in stub.received]
        assert len(stub.received) == len(expected) - 1

        # Once the lease (EMAIL_STUCK_SECONDS) has passed, the sweep sends it again.
        url = age_claims(url, tmp_path, settings.EMAIL_STUCK_SECONDS + 1)
        assert "Re-queued 1" in manage("resend_stuck_deliveries", env=env)
        manage(*QUIET_WORKER, "--batch", env=env)

    load_back(url)
    assert sorted(parseaddr(message["To"])[1] for message in stub.received) == expected
    submission.refresh_from_db()
    assert submission.status == Submission.Status.NOTIFIED
    deliveries = list(submission.deliveries.all())
    assert {d.status for d in deliveries} == {Delivery.Status.SENT}
    assert sorted(d.attempts for d in deliveries) == [1] * (len(expected) - 1) + [2]
    # The copy the provider may have accepted carries the same Message-ID.
    attempts = [m for m in stub.requests if parseaddr(m["To"])[1] == hung_to]
    message_ids = {header(m, "Message-ID") for m in attempts}
    assert len(attempts) == 2
    assert len(message_ids) == 1
    hung = next(d for d in deliveries if d.recipient == hung_to)
    assert message_ids.pop().startswith(f"<delivery-{hung.pk}.")


def header(message: dict, name: str) -> str:
    return next(h["Value"] for h in message["Headers"] if h["Name"] == name)


def test_a_worker_killed_mid_sweep_does_not_stop_the_sweep(
    enquiry_page, settings, tmp_path
):
    interval = 6
    url = database_url(tmp_path)
    env = worker_env(url, tmp_path, EMAIL_SWEEP_INTERVAL_SECONDS=str(interval))
    with socket.create_server(("127.0.0.1", 0)) as reports:
        reports.settimeout(WAIT_SECONDS)
        port = str(reports.getsockname()[1])
        worker = ["-m", "tests.support.signalling_worker", port]
        held = start_worker(env, *worker, "hold", "--", *QUIET_WORKER)
        try:
            assert next_report(reports) == f"started {held.pid}"
        finally:
            kill(held)
        load_back(url)
        claim = PeriodicJob.objects.get(name="sweep")
        assert claim.last_finished_at is None

        fresh = start_worker(env, *worker, "run", "--", *QUIET_WORKER)
        try:
            assert next_report(reports) == f"started {fresh.pid}"
            assert next_report(reports) == f"finished {fresh.pid}"
        finally:
            fresh.terminate()
            fresh.wait(timeout=WAIT_SECONDS)

    load_back(url)
    sweep = PeriodicJob.objects.get(name="sweep")
    assert sweep.last_finished_at is not None
    assert sweep.claimed_until is None
    # Taken over when the killed worker's lease ran out, within one interval of it.
    assert claim.claimed_until <= sweep.last_started_at
    assert sweep.last_started_at - claim.claimed_until < timedelta(seconds=interval)


def next_report(server: socket.socket) -> str:
    """The next line a signalling worker sent, waiting at most WAIT_SECONDS."""
    connection_to_worker, _address = server.accept()
    with connection_to_worker, connection_to_worker.makefile() as lines:
        return lines.readline().strip()


def test_no_worker_for_a_while_then_one_drains_the_queue(
    client, admin_client, enquiry_page, settings
):
    for number in range(3):
        response = post_enquiry(
            client, enquiry_page, settings, email=f"visitor{number}@example.org"
        )
        assert response.status_code == 302
        thanks = client.get(response["Location"]).content.decode()
        assert Submission.objects.latest("pk").reference in thanks
    assert Submission.objects.count() == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {"queued"}
    assert mail.outbox == []

    # An hour passes with no worker.
    Delivery.objects.update(created_at=timezone.now() - timedelta(hours=1))
    dashboard = admin_client.get("/admin/").content.decode()
    assert "3 submissions have not yet been sent to staff." in dashboard
    assert "Emails are waiting to be sent" in dashboard
    assert "no task worker is running" in dashboard

    call_command(*WORKER, "--batch", "--no-startup-delay")
    recipients = sorted(
        parseaddr(address)[1] for message in mail.outbox for address in message.to
    )
    assert recipients == sorted(Delivery.objects.values_list("recipient", flat=True))
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert set(Submission.objects.values_list("status", flat=True)) == {"notified"}
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Emails are waiting to be sent" not in dashboard


@pytest.mark.skipif(
    "postgresql" not in os.environ.get("DATABASE_URL", "")
    and "postgres://" not in os.environ.get("DATABASE_URL", ""),
    reason="Two workers at once need PostgreSQL: set DATABASE_URL to a PostgreSQL URL",
)
def test_two_workers_at_once_send_each_delivery_once(enquiry_page, settings, tmp_path):
    settings.TASKS = DATABASE_QUEUE
    deliveries = [
        DeliveryFactory(
            submission=SubmissionFactory(page=enquiry_page),
            recipient=f"staff{number}@example.org",
        )
        for number in range(40)
    ]
    # Each delivery is enqueued twice, so both workers see work for every row.
    for delivery in deliveries:
        for _twice in range(2):
            send_delivery.enqueue(delivery.pk)
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
        command = [sys.executable, str(ROOT / "manage.py"), *QUIET_WORKER, "--batch"]
        workers = [
            subprocess.Popen(
                command,
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for _worker in range(2)
        ]
        for worker in workers:
            _out, errors = worker.communicate(timeout=WAIT_SECONDS * 2)
            assert worker.returncode == 0, errors

    sent_to = sorted(address for envelope in received for address in envelope.rcpt_tos)
    assert sent_to == sorted(d.recipient for d in deliveries)
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}
