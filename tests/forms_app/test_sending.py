"""A worker sends a run of emails over one kept connection, and few queries each."""

import pytest

from forms_app.models import Delivery
from forms_app.sending import close_connection
from forms_app.tasks import send_delivery
from tests.forms_app.conftest import form_data
from tests.support.stub_servers import smtp_stub

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    """An SMTP stub refusing one address, with the site sending through it."""
    with smtp_stub(refuse={"gone@example.org"}) as (port, recorder):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_CONNECTION_IDLE_SECONDS = 30
        yield recorder
        close_connection()


def test_emails_share_one_connection_until_a_send_fails(enquiry_page, post_form, smtp):
    post_form(enquiry_page, form_data(contact_email="gone@example.org"))
    post_form(enquiry_page, form_data(contact_email="asha@example.org"))

    refused = Delivery.objects.get(recipient="gone@example.org")
    assert refused.status == Delivery.Status.FAILED
    first, second = smtp.peers[:2], smtp.peers[2:]
    # The first post's two staff emails went over one connection; its refused
    # acknowledgement closed it, so the rest went over one new connection.
    assert len(first) == 2 and len(set(first)) == 1
    assert len(second) >= 3 and len(set(second)) == 1
    assert set(first) != set(second)


def test_sending_an_email_takes_few_queries(
    enquiry_page, client, smtp, django_assert_max_num_queries
):
    # Not committed, so nothing is sent until the worker's task runs below.
    client.post(enquiry_page.url, form_data())
    deliveries = list(Delivery.objects.order_by("pk"))
    assert {d.kind for d in deliveries} == {"notification", "acknowledgement"}
    for delivery in deliveries:
        with django_assert_max_num_queries(10):
            assert send_delivery.call(delivery.pk) == "sent"
    assert len(smtp.messages) == len(deliveries)
