"""Places accepted before updates were announced start from their sessions as they are."""

from importlib import import_module

import pytest
from django.apps import apps

from places.models import SessionAnnouncement, Status
from places.updates import announce_changes
from tests.factories.courses import CourseSessionFactory
from tests.support.places import take_places

pytestmark = pytest.mark.django_db

announcements = import_module("places.migrations.0005_session_announcements")


def test_accepted_places_are_baselined_so_the_next_publish_sends_nothing(workshop):
    run = workshop["run"]
    CourseSessionFactory(run=run, status="cancelled")
    accepted = take_places(run, 2)
    take_places(run, 1, Status.WAITLISTED)

    announcements.baseline(apps, schema_editor=None)
    announcements.baseline(apps, schema_editor=None)  # a rerun adds nothing

    core = {s.uid: s.sequence for s in run.sessions.exclude(status="cancelled")}
    for place in accepted:
        rows = SessionAnnouncement.objects.filter(place=place)
        assert {r.session_uid: r.sequence for r in rows} == core
    assert SessionAnnouncement.objects.count() == 2 * len(core)
    assert announce_changes(workshop["course"]) == 0
