"""A booking's confirmation carries the joining details and a personal calendar file."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from icalendar import Calendar

from places.models import Place, SessionAnnouncement, Status
from tests.places.conftest import DIRECTIONS, LINK, PASSCODE, booking_answers

pytestmark = pytest.mark.django_db


def confirmation(address: str):
    found = [m for m in mail.outbox if m.to == [address] and "confirmed" in m.subject]
    assert len(found) == 1, [m.subject for m in mail.outbox]
    return found[0]


def calendar_of(message) -> Calendar:
    files = [a for a in message.attachments if a[2].startswith("text/calendar")]
    assert len(files) == 1, message.attachments
    filename, content, _mimetype = files[0]
    assert filename.endswith(".ics")
    return Calendar.from_ical(content)


def test_booking_confirmation_has_joining_details_and_calendar(workshop, post_form):
    response = post_form(workshop["form"], booking_answers(workshop["run"]))
    assert response.status_code == 302
    place = Place.objects.get()
    assert place.status == Status.ACCEPTED

    message = confirmation("rhiannon@example.org")
    assert LINK in message.body and PASSCODE in message.body
    assert DIRECTIONS in message.body
    assert "GDC 1.38" in message.body
    # Wall-clock times in London, with the zone in force on each date.
    assert "10:00\u201312:00 BST" in message.body
    assert "10:00\u201312:00 GMT" in message.body

    events = sorted(calendar_of(message).walk("VEVENT"), key=lambda e: e["dtstart"].dt)
    assert len(events) == 2
    by_month = {event["dtstart"].dt.month: event for event in events}
    summer = by_month[workshop["summer"].month]
    winter = by_month[workshop["winter"].month]
    # 10:00 BST is 09:00 UTC; 10:00 GMT is 10:00 UTC.
    s, w = workshop["summer"], workshop["winter"]
    assert summer["dtstart"].dt == datetime(s.year, s.month, s.day, 9, tzinfo=UTC)
    assert winter["dtstart"].dt == datetime(w.year, w.month, w.day, 10, tzinfo=UTC)
    assert summer["dtstart"].to_ical().endswith(b"Z")
    assert LINK in str(summer["description"]) and PASSCODE in str(summer["description"])
    assert str(summer["location"]) == LINK
    assert DIRECTIONS in str(winter["description"])
    sessions = list(workshop["run"].sessions.order_by("start"))
    uids = {str(event["uid"]) for event in events}
    assert uids == {f"{s.uid}-place-{place.pk}@cpd-courses" for s in sessions}
    assert {int(event["sequence"]) for event in events} == {0}
    # What was sent is remembered, so a later change to a session is announced.
    assert SessionAnnouncement.objects.filter(place=place).count() == 2


def test_second_booking_has_its_own_calendar_uids(workshop, post_form):
    post_form(workshop["form"], booking_answers(workshop["run"]))
    post_form(
        workshop["form"],
        booking_answers(workshop["run"], contact_email="bryn@example.org"),
    )
    first = {
        str(e["uid"])
        for e in calendar_of(confirmation("rhiannon@example.org")).walk("VEVENT")
    }
    second = {
        str(e["uid"])
        for e in calendar_of(confirmation("bryn@example.org")).walk("VEVENT")
    }
    assert first and second and not first & second
