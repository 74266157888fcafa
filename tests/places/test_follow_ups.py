"""Graduates of any cohort are invited to the course's follow-ups and may decline one."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from courses.rules import LONDON
from forms_app.periodic import run_due_jobs
from home.demo.translation import translate
from places.followups import invite_graduates
from places.models import FollowUpInvitation, Status
from tests.factories.courses import (
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.support.places import take_places

pytestmark = pytest.mark.django_db


def weekly(run, first, count: int, **fields) -> list:
    return [
        CourseSessionFactory(
            run=run,
            start=first + timedelta(weeks=n),
            end=first + timedelta(weeks=n, hours=2),
            **fields,
        )
        for n in range(count)
    ]


@pytest.fixture
def cohorts(course_index):
    """An autumn cohort that has ended and a spring cohort whose run lists follow-ups."""
    now = timezone.now().replace(microsecond=0)
    course = CoursePageFactory(
        parent=course_index, title="Compassionate Leadership", participation="apply"
    )
    autumn = CourseRunFactory(course=course, title="Autumn cohort", bookable=False)
    weekly(autumn, now - timedelta(weeks=12), 6)
    spring = CourseRunFactory(course=course, title="Spring cohort")
    weekly(spring, now + timedelta(days=2), 6)
    follow_ups = [
        CourseSessionFactory(
            run=spring,
            start=now + timedelta(days=days),
            end=now + timedelta(days=days, hours=1),
            graduates_only=True,
        )
        for days in (10, 40)
    ]
    course.save_revision().publish()
    graduates = take_places(autumn, 2)  # person1 and person2 completed autumn
    for place in take_places(autumn, 4)[2:]:  # person3, person4 never took part
        place.status = Status.WITHDRAWN
        place.save()
    return {"graduates": graduates, "follow_ups": follow_ups, "spring": spring}


def day(session) -> str:
    return f"{session.start.astimezone(LONDON):%-d %B %Y}"


def invitations_to(address: str) -> list:
    return [
        m
        for m in mail.outbox
        if m.to == [address] and ("invited" in m.subject or "gwahodd" in m.subject)
    ]


def reminders_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address] and "Reminder" in m.subject]


def test_a_graduate_of_an_earlier_cohort_is_invited_once_to_each_follow_up(
    cohorts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs("worker-1")
    with django_capture_on_commit_callbacks(execute=True):
        invite_graduates()  # the next run of the job: nothing new to say
    first, later = cohorts["follow_ups"]
    invited = invitations_to("person1@example.org")
    assert len(invited) == 2
    for session in (first, later):
        assert sum(day(session) in m.body for m in invited) == 1
    assert len(invitations_to("person2@example.org")) == 2
    assert FollowUpInvitation.objects.filter(session=first).count() == 2


def test_someone_who_did_not_complete_is_not_invited(
    cohorts, django_capture_on_commit_callbacks
):
    take_places(cohorts["spring"], 6)  # on the cohort still running
    with django_capture_on_commit_callbacks(execute=True):
        invite_graduates()
    invited = {m.to[0] for m in mail.outbox if "invited" in m.subject}
    assert invited == {"person1@example.org", "person2@example.org"}


def test_declining_by_link_stops_reminders_of_that_follow_up_only(
    cohorts, client, django_capture_on_commit_callbacks
):
    first, later = cohorts["follow_ups"]
    with django_capture_on_commit_callbacks(execute=True):
        invite_graduates()
    invitation = next(
        m for m in invitations_to("person1@example.org") if day(first) in m.body
    )
    (link,) = re.findall(r"https?://[^/\s]+(/\S*follow-up/\S+/)", invitation.body)
    page = client.get(link)
    assert page.status_code == 200
    assert "I cannot come to this follow-up" in page.content.decode()
    assert not FollowUpInvitation.objects.filter(declined_at__isnull=False).exists()

    response = client.post(link)

    assert response.status_code == 200
    declined = FollowUpInvitation.objects.get(declined_at__isnull=False)
    assert declined.email == "person1@example.org"
    assert "you will not be reminded" in response.content.decode()

    assert declined.session == first
    week_before = first.start - timedelta(days=6)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invite_graduates(now=week_before)
    assert reminders_to("person1@example.org") == []
    assert len(reminders_to("person2@example.org")) == 1
    # The other follow-up still reminds them when its week comes.
    with django_capture_on_commit_callbacks(execute=True):
        invite_graduates(now=later.start - timedelta(days=6))
    assert len(reminders_to("person1@example.org")) == 1


def test_a_welsh_graduate_is_invited_in_welsh(
    cohorts, client, django_capture_on_commit_callbacks
):
    course = cohorts["spring"].course
    with django_capture_on_commit_callbacks(execute=True):
        translate(course, "cy", {course.title: "Arweinyddiaeth Dosturiol"})
    welsh = cohorts["graduates"][1]
    welsh.language = "cy"
    welsh.save()
    with django_capture_on_commit_callbacks(execute=True):
        invite_graduates()
    invited = invitations_to("person2@example.org")
    assert len(invited) == 2
    assert all("Arweinyddiaeth Dosturiol" in m.subject for m in invited)
    (link,) = re.findall(r"https?://[^/\s]+(/\S*follow-up/\S+/)", invited[0].body)
    assert link.startswith("/cy/follow-up/")
    page = client.get(link)
    assert page.status_code == 200
    assert "Arweinyddiaeth Dosturiol" in page.content.decode()
