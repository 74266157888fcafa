"""An offer decided in the admin reaches a real SMTP server on loopback, and its
accept link, taken from that message, confirms the place."""

import email
import email.policy

import pytest

from forms_app.models import Delivery
from forms_app.sending import close_connection
from places.models import Place, Status
from tests.places.conftest import application
from tests.places.test_offers_journey import decide, path_of
from tests.support.stub_servers import smtp_stub

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    with smtp_stub() as (port, recorder):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        yield recorder
        close_connection()


def received_to(smtp, address: str) -> list:
    return [
        email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        for envelope in smtp.messages
        if envelope.rcpt_tos == [address]
    ]


def test_offer_goes_over_smtp_and_its_link_confirms_the_place(
    cohort, post_form, lead_client, smtp, client, django_capture_on_commit_callbacks
):
    run = cohort["run"]
    post_form(cohort["form"], application(run, 1))
    place = Place.objects.get()
    decide(
        lead_client, run, [place], Status.OFFERED, django_capture_on_commit_callbacks
    )
    (offer,) = [
        m
        for m in received_to(smtp, place.email)
        if m["Subject"].startswith("A place for you")
    ]
    assert Delivery.objects.get(rule="place:offer").status == Delivery.Status.SENT
    body = offer.get_body(("plain",)).get_content()
    accept = next(line for line in body.splitlines() if "/place/" in line).strip()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(path_of(accept))
    assert "Your place is confirmed" in page.content.decode()
    assert any("is confirmed" in m["Subject"] for m in received_to(smtp, place.email))
