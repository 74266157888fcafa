"""A task that exists only so the browser tests can prove the worker and SMTP fixtures."""

from django.core.mail import send_mail
from django_tasks import task


@task(backend="queue")
def send_test_note(address: str) -> None:
    send_mail("Worker check", "Sent by a queued task.", None, [address])
