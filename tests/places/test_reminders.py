"""Reminders a week and a day before each session: once each, in the person's language."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.db.models import F
from django.utils import timezone

from courses.demo.relative_dates import next_clock_change
from courses.rules import LONDON
from forms_app import periodic
from places.changes import change_status
from places.models import PlaceChange, Status
from places.reminders import send_due_reminders
from tests.factories.courses import CourseSessionFactory
from tests.places.conftest import LINK, PASSCODE
from tests.support.places import take_places

pytestmark = pytest.mark.django_db

WELSH_MONTHS = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """send_due_reminders, with the queued emails sent on commit as a worker would."""

    def _remind(now) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return send_due_reminders(now)

    return _remind


def reminders() -> list:
    return [m for m in mail.outbox if m.subject.startswith(("In a week", "Tomorrow"))]


@pytest.fixture
def soon(workshop):
    """A run whose only session starts ten days from now, with two people on it."""
    run = workshop["run"]
    run.sessions.all().delete()
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    session = CourseSessionFactory(
        run=run,
        start=start,
        end=start + timedelta(hours=2),
        joining_link=LINK,
        joining_passcode=PASSCODE,
    )
    places = take_places(run, 2)
    return {"run": run, "session": session, "places": places, "start": start}


def test_week_and_day_reminders_go_once_each_however_often_asked(soon, remind):
    start = soon["start"]
    # Nothing is due yet, ten days ahead.
    assert remind(timezone.now()) == 0

    in_week_window = start - timedelta(days=6)
    assert remind(in_week_window) == 2
    assert remind(in_week_window) == 0
    assert remind(in_week_window + timedelta(hours=3)) == 0
    week = reminders()
    assert sorted(m.to[0] for m in week) == [
        "person1@example.org",
        "person2@example.org",
    ]
    assert all(m.subject.startswith("In a week") for m in week)
    assert LINK in week[0].body and PASSCODE in week[0].body
    assert "/place/" in week[0].body  # the link to give the place up

    in_day_window = start - timedelta(hours=20)
    assert remind(in_day_window) == 2
    assert remind(in_day_window) == 0
    assert remind(start + timedelta(minutes=1)) == 0
    assert len(reminders()) == 4
    assert sum(m.subject.startswith("Tomorrow") for m in reminders()) == 2


def test_only_accepted_places_are_reminded(soon, remind):
    second = soon["places"][1]

    change_status(second, Status.WITHDRAWN, actor=PlaceChange.Actor.PERSON)
    take_places(soon["run"], 1, Status.WAITLISTED)
    assert remind(soon["start"] - timedelta(days=6)) == 1
    assert [m.to for m in reminders()] == [["person1@example.org"]]


def test_a_place_taken_after_a_reminder_fell_due_gets_the_next_one_only(soon, remind):
    start = soon["start"]
    # Both places were accepted now, three days before the week reminder is due;
    # a third person books two days before the session.
    late = take_places(soon["run"], 1)[0]
    PlaceChange.objects.filter(place=late).update(at=start - timedelta(days=2))
    assert remind(start - timedelta(days=6)) == 2
    assert remind(start - timedelta(hours=12)) == 3


def test_reminders_run_as_a_periodic_job_of_the_workers(
    soon, django_capture_on_commit_callbacks
):
    assert "reminders" in periodic.JOBS
    PlaceChange.objects.update(at=F("at") - timedelta(days=30))
    soon["session"].start = timezone.now() + timedelta(days=3)
    soon["session"].end = soon["session"].start + timedelta(hours=2)
    soon["session"].save()
    periodic.job_row(periodic.JOBS["reminders"])
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.run_job_if_due(periodic.JOBS["reminders"], "worker-a")
        assert not periodic.run_job_if_due(periodic.JOBS["reminders"], "worker-b")
    assert len(reminders()) == 2


def london(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def test_welsh_reminder_has_welsh_month_and_the_zone_of_the_session_date(soon, remind):
    """A week's reminder sent before the clocks change gives the time after it."""
    change = next_clock_change(timezone.localdate() + timedelta(days=8))
    session = soon["session"]
    session.start = london(change + timedelta(days=1), 10)
    session.end = london(change + timedelta(days=1), 12)
    session.save()
    place = soon["places"][0]
    place.language = "cy"
    place.save()
    PlaceChange.objects.update(at=F("at") - timedelta(days=30))

    sent_at = session.start - timedelta(days=6)
    assert sent_at.astimezone(LONDON).dst() != session.start.astimezone(LONDON).dst()
    assert remind(sent_at) == 2
    welsh = next(m for m in mail.outbox if m.to == ["person1@example.org"])
    english = next(m for m in mail.outbox if m.to == ["person2@example.org"])
    month = session.start.astimezone(LONDON).month - 1
    zone = "BST" if session.start.astimezone(LONDON).dst() else "GMT"
    assert WELSH_MONTHS[month] in welsh.subject and WELSH_MONTHS[month] in welsh.body
    assert ENGLISH_MONTHS[month] not in welsh.body
    assert f"10:00\u201312:00 {zone}" in welsh.body
    assert ENGLISH_MONTHS[month] in english.body
    assert f"10:00\u201312:00 {zone}" in english.body


def test_a_postponed_session_gets_no_reminder(soon, remind):
    soon["session"].status = "postponed"
    soon["session"].save()
    assert remind(soon["start"] - timedelta(days=6)) == 0
    assert reminders() == []
