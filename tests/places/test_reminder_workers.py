"""Reminders from separate processes at once: each person gets each reminder once."""

import subprocess
import sys
from datetime import timedelta
from email import message_from_bytes

import pytest
from django.db.models import F
from django.utils import timezone

from forms_app.models import Delivery
from places.models import PlaceChange
from tests.factories.courses import CourseSessionFactory
from tests.forms_app.test_workers import (
    QUIET_WORKER,
    ROOT,
    WAIT_SECONDS,
    database_url,
    load_back,
    manage,
    worker_env,
)
from tests.places.conftest import LINK
from tests.support.places import take_places
from tests.support.stub_servers import smtp_server

pytestmark = [
    pytest.mark.queue,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PEOPLE = 6
REMIND = "from places.reminders import send_reminders_now; print(send_reminders_now())"


def test_two_processes_at_once_queue_and_send_each_reminder_once(workshop, tmp_path):
    run = workshop["run"]
    run.sessions.all().delete()
    start = timezone.now().replace(microsecond=0) + timedelta(days=3)
    CourseSessionFactory(
        run=run, start=start, end=start + timedelta(hours=2), joining_link=LINK
    )
    take_places(run, PEOPLE)
    # Booked a month ago, so the week's reminder is due now.
    PlaceChange.objects.update(at=F("at") - timedelta(days=30))
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
        command = [sys.executable, str(ROOT / "manage.py"), "shell", "-c", REMIND]
        callers = [
            subprocess.Popen(
                command,
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _caller in range(2)
        ]
        counts = []
        for caller in callers:
            out, errors = caller.communicate(timeout=WAIT_SECONDS * 2)
            assert caller.returncode == 0, errors
            counts.append(int(out.strip().splitlines()[-1]))
        assert sum(counts) == PEOPLE, counts
        # Then a worker sends them, and runs the reminders job itself once more.
        manage(*QUIET_WORKER, "--batch", env=env)

    load_back(url)
    reminders = Delivery.objects.filter(key__startswith="reminder:7:")
    assert reminders.count() == PEOPLE
    assert set(reminders.values_list("status", flat=True)) == {"sent"}
    sent_to = sorted(address for envelope in received for address in envelope.rcpt_tos)
    assert sent_to == sorted(f"person{n}@example.org" for n in range(1, PEOPLE + 1))
    bodies = [message_from_bytes(envelope.content) for envelope in received]
    assert all(LINK in message.get_payload(decode=True).decode() for message in bodies)
