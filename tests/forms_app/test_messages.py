"""Messages written by a layer above: kept, sent once, retried, alerted, shown to staff."""

import pytest
from anymail.exceptions import AnymailRecipientsRefused
from django.urls import reverse

from forms_app.models import Delivery
from forms_app.outbox import queue_message
from staff.roles import COMMUNICATIONS, FACILITATORS
from tests.forms_app.test_delivery import backend  # noqa: F401
from tests.support.roles import staff_user

pytestmark = pytest.mark.django_db

CALENDAR = {
    "filename": "place.ics",
    "content": "BEGIN:VCALENDAR\r\n",
    "mimetype": "text/calendar",
}


def test_a_message_is_sent_with_its_attachment_and_never_queued_twice(
    backend,  # noqa: F811
    enquiry_page,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_message(
            "person@example.org",
            "Your place is confirmed",
            "See you there.\n",
            rule="place:confirmed",
            key="place:1:confirmed",
            attachments=[CALENDAR],
        )
        again = queue_message(
            "person@example.org",
            "Your place is confirmed",
            "See you there.\n",
            rule="place:confirmed",
            key="place:1:confirmed",
        )

    assert again is None
    first.refresh_from_db()
    assert (first.kind, first.status) == (Delivery.Kind.MESSAGE, Delivery.Status.SENT)
    [sent] = backend.sent
    assert sent.to == ["person@example.org"]
    assert sent.subject == "Your place is confirmed"
    assert sent.body == "See you there.\n"
    assert sent.attachments[0][0] == "place.ics"
    assert "text/calendar" in sent.attachments[0][2]


def test_a_failed_message_alerts_operations_without_its_content_and_shows_to_staff(
    backend,  # noqa: F811
    enquiry_page,
    client,
    django_capture_on_commit_callbacks,
):
    backend.script = [AnymailRecipientsRefused("refused")]
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_message(
            "person@example.org",
            "Offer of a place for Rhiannon",
            "Dear Rhiannon, a place is yours.\n",
            rule="place:offer",
        )
    message.refresh_from_db()
    assert message.status == Delivery.Status.FAILED

    alert = Delivery.objects.get(kind=Delivery.Kind.FAILURE_ALERT)
    assert alert.status == Delivery.Status.SENT
    sent_alert = backend.sent[-1]
    assert sent_alert.to == ["operations@example.org"]
    for private in ("person@example.org", "Rhiannon", "a place is yours"):
        assert private not in sent_alert.subject + sent_alert.body
    assert "place:offer" in sent_alert.body

    communications = staff_user(COMMUNICATIONS)
    client.force_login(communications)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "place:offer" in dashboard
    facilitator = staff_user(FACILITATORS)
    client.force_login(facilitator)
    assert (
        "place:offer" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
