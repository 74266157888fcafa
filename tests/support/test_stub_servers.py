"""The stand-in providers behave like the real ones as far as anymail and smtplib see."""

import smtplib
import socket
import time

import pytest
from anymail.exceptions import AnymailAPIError
from django.core.mail import get_connection, send_mail

from tests.support import stub_servers
from tests.support.stub_servers import PostmarkStub, free_port, smtp_server, smtp_stub


def postmark_connection(url: str, timeout: float = 5):
    return get_connection(
        "anymail.backends.postmark.EmailBackend",
        server_token="test-token",
        api_url=url,
        timeout=timeout,
    )


def test_postmark_stub_fails_then_recovers():
    with PostmarkStub(script=[500]).running() as stub:
        connection = postmark_connection(stub.url)
        with pytest.raises(AnymailAPIError):
            send_mail(
                "Hi",
                "Body",
                "cpd@example.org",
                ["a@example.org"],
                connection=connection,
            )
        assert stub.received == []
        send_mail(
            "Hi", "Body", "cpd@example.org", ["a@example.org"], connection=connection
        )
        assert [m["To"] for m in stub.received] == ["a@example.org"]


def test_postmark_stub_can_hang_until_the_client_times_out():
    with PostmarkStub(script=["hang"]).running() as stub:
        connection = postmark_connection(stub.url, timeout=0.5)
        with pytest.raises(AnymailAPIError):
            send_mail(
                "Hi",
                "Body",
                "cpd@example.org",
                ["a@example.org"],
                connection=connection,
            )


def test_smtp_server_accepts_mail_and_refuses_chosen_recipients():
    with smtp_server(refuse={"gone@example.org"}) as (port, messages):
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.sendmail(
                "cpd@example.org", ["a@example.org"], "Subject: x\r\n\r\nhi"
            )
            with pytest.raises(smtplib.SMTPRecipientsRefused):
                client.sendmail(
                    "cpd@example.org", ["gone@example.org"], "Subject: x\r\n\r\nhi"
                )
        assert [m.rcpt_tos for m in messages] == [["a@example.org"]]


def test_free_port_refuses_connections():
    with pytest.raises(ConnectionRefusedError):
        smtplib.SMTP("127.0.0.1", free_port(), timeout=2)


def test_smtp_stub_fails_for_a_while_then_accepts():
    with smtp_stub(fail_seconds=0.5) as (port, recorder):
        with smtplib.SMTP("127.0.0.1", port) as client:
            with pytest.raises(smtplib.SMTPDataError) as refused:
                client.sendmail(
                    "cpd@example.org", ["a@example.org"], "Subject: x\r\n\r\nhi"
                )
            assert refused.value.smtp_code == 451
            deadline = time.monotonic() + 10
            while True:
                try:
                    client.sendmail(
                        "cpd@example.org", ["a@example.org"], "Subject: x\r\n\r\nhi"
                    )
                    break
                except smtplib.SMTPDataError:
                    assert time.monotonic() < deadline, "the stub never recovered"
        assert len(recorder.messages) == 1
        assert recorder.temporary_failures >= 1


def test_smtp_stub_starts_when_another_process_takes_the_port_it_would_pick(
    monkeypatch: pytest.MonkeyPatch,
):
    # Parallel test processes each start SMTP servers: a port picked first and
    # bound later can be taken in between. Here something already holds it.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setattr(stub_servers, "free_port", lambda: taken.getsockname()[1])
        with smtp_server() as (port, messages):
            assert port != taken.getsockname()[1]
            with smtplib.SMTP("127.0.0.1", port) as client:
                client.sendmail(
                    "cpd@example.org", ["a@example.org"], "Subject: x\r\n\r\nhi"
                )
        assert [m.rcpt_tos for m in messages] == [["a@example.org"]]
