"""A published change to a session emails everyone holding a place; a draft does not."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.rules import LONDON
from places.models import Place
from tests.courses.test_admin import form_errors
from tests.places.conftest import LINK, PASSCODE, booking_answers

pytestmark = pytest.mark.django_db


def wall_clock(moment) -> str:
    return f"{moment.astimezone(LONDON):%Y-%m-%d %H:%M}"


def session_fields(session, **changes) -> dict:
    """A session row of the edit form as the browser posts it back."""
    fields = {
        "id": str(session.pk),
        "start": wall_clock(session.start),
        "end": wall_clock(session.end),
        "format": session.format,
        "status": session.status,
        "room": session.room,
        "building": session.building,
        "platform": session.platform,
        "joining_link": session.joining_link,
        "joining_passcode": session.joining_passcode,
        "joining_directions": session.joining_directions,
    }
    if session.graduates_only:
        fields["graduates_only"] = "on"
    fields.update(changes)
    return fields


def edit_form(course, changes: dict[int, dict], action: str | None) -> dict:
    """The course's edit form with some sessions changed (by primary key)."""
    run = course.runs.get()
    sessions = list(run.sessions.order_by("start"))
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "body": streamfield([]),
        "cpd_hours": "",
        "participation": course.participation,
        "completion": "all",
        "form_page": str(course.form_page_id),
        "price_tiers": inline_formset([]),
        "course_facilitators": inline_formset([]),
        "runs": inline_formset(
            [
                {
                    "id": str(run.pk),
                    "title": run.title,
                    "notes": run.notes,
                    "bookable": "on",
                    "capacity": str(run.capacity or ""),
                    "generate_format": "online",
                    "sessions": inline_formset(
                        [session_fields(s, **changes.get(s.pk, {})) for s in sessions],
                        initial=len(sessions),
                    ),
                }
            ],
            initial=1,
        ),
    }
    if action:
        data[action] = "1"
    return nested_form_data(data)


@pytest.fixture
def booked(workshop, post_form, admin_client):
    """Two people have booked the workshop and had their confirmations."""
    for email in ("rhiannon@example.org", "bryn@example.org"):
        response = post_form(
            workshop["form"], booking_answers(workshop["run"], contact_email=email)
        )
        assert response.status_code == 302
    assert Place.objects.count() == 2
    mail.outbox.clear()
    summer = workshop["run"].sessions.get(joining_link=LINK)
    return {**workshop, "session": summer}


@pytest.fixture
def edit(admin_client, django_capture_on_commit_callbacks):
    def _edit(course, changes, action="action-publish", **extra):
        url = reverse("wagtailadmin_pages:edit", args=(course.pk,))
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                url, edit_form(course, changes, action), **extra
            )
        assert response.status_code in (200, 302), response.content.decode()[:3000]
        if response.status_code == 200 and "json" not in response["Content-Type"]:
            pytest.fail(str(form_errors(response.context["form"])))
        return response

    return _edit


def updates() -> list:
    return [
        m for m in mail.outbox if "sessions of" in m.subject or "Cancelled" in m.subject
    ]


def events(message) -> list:
    ics = next(a for a in message.attachments if a[2].startswith("text/calendar"))
    return list(Calendar.from_ical(ics[1]).walk("VEVENT"))


def later_by_an_hour(session) -> dict:
    return {
        "start": wall_clock(session.start + timedelta(hours=1)),
        "end": wall_clock(session.end + timedelta(hours=1)),
    }


def test_draft_and_autosave_send_nothing_publishing_sends_one_update_each(booked, edit):
    course, session = booked["course"], booked["session"]
    changes = {session.pk: later_by_an_hour(session)}
    edit(course, changes, action=None)  # Save draft
    edit(course, changes, action=None, headers={"Accept": "application/json"})
    assert updates() == []
    session.refresh_from_db()
    assert session.sequence == 0

    edit(course, changes)
    session.refresh_from_db()
    assert session.sequence == 1
    sent = updates()
    assert sorted(m.to[0] for m in sent) == ["bryn@example.org", "rhiannon@example.org"]
    message = next(m for m in sent if m.to == ["rhiannon@example.org"])
    day: date = booked["summer"]
    assert "11:00\u201313:00 BST" in message.body
    assert LINK in message.body and PASSCODE in message.body
    (event,) = events(message)
    assert int(event["sequence"]) == 1
    place = Place.objects.get(email="rhiannon@example.org")
    assert str(event["uid"]) == f"{session.uid}-place-{place.pk}@cpd-courses"
    assert event["dtstart"].dt.hour == 10 and event["dtstart"].dt.date() == day
    assert str(event["status"]) == "CONFIRMED"

    # Publishing again with nothing changed sends nothing more.
    edit(course, {})
    assert len(updates()) == 2


def test_cancelled_session_update_says_cancelled(booked, edit):
    course, session = booked["course"], booked["session"]
    edit(course, {session.pk: {"status": "cancelled"}})
    sent = updates()
    assert len(sent) == 2
    message = sent[0]
    assert message.subject.startswith("Cancelled")
    assert "(Cancelled)" in message.body
    assert LINK not in message.body
    (event,) = events(message)
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1


def test_a_new_meeting_link_is_sent_as_an_update(booked, edit):
    course, session = booked["course"], booked["session"]
    new_link = "https://meet.example.net/j/99999999"
    edit(course, {session.pk: {"joining_link": new_link}})
    sent = updates()
    assert len(sent) == 2 and all(new_link in m.body for m in sent)


def test_a_session_removed_from_the_run_is_sent_as_cancelled(booked, edit):
    course, session = booked["course"], booked["session"]
    edit(course, {session.pk: {"DELETE": "1"}})
    assert not course.runs.get().sessions.filter(pk=session.pk).exists()
    sent = updates()
    assert len(sent) == 2
    message = sent[0]
    assert message.subject.startswith("Cancelled")
    assert "10:00\u201312:00 BST" in message.body
    (event,) = events(message)
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1
    assert str(event["uid"]).startswith(str(session.uid))

    # Told once: publishing again sends nothing more.
    edit(course, {})
    assert len(updates()) == 2
