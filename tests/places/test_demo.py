"""The demo shows each seed offering's way in: applications, bookings and drop-ins."""

from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import CoursePage, CourseRun
from facilitators.demo import FACILITATOR_USERNAME
from forms_app.models import Delivery
from places.models import Booking, Payer, Place, PlaceChange, Status, Way
from places.seats import seats_left
from places.updates import announce_changes

pytestmark = pytest.mark.django_db


def runs(slug: str) -> list[CourseRun]:
    course = CoursePage.objects.get(
        slug=slug, locale__language_code=settings.LANGUAGE_CODE
    )
    return sorted(
        course.runs.all(), key=lambda run: run.sessions.order_by("start").first().start
    )


def statuses(run: CourseRun) -> Counter:
    return Counter(Place.objects.filter(run=run).values_list("status", flat=True))


def test_demo_cohort_applications_in_every_state_decided_by_the_facilitator(
    client, demo_site
):
    past, upcoming = runs("compassionate-leadership")
    assert statuses(upcoming) == {
        Status.RECEIVED: 5,
        Status.OFFERED: 1,
        Status.ACCEPTED: 2,
        Status.DECLINED: 1,
    }
    assert set(Place.objects.filter(run=upcoming).values_list("way", flat=True)) == {
        Way.APPLIED
    }
    offered = Place.objects.get(run=upcoming, status=Status.OFFERED)
    now = timezone.now()
    assert now < offered.offer_expires_at < now + timedelta(days=7)
    facilitator = get_user_model().objects.get(username=FACILITATOR_USERNAME)
    decisions = PlaceChange.objects.filter(
        place__run=upcoming, status_to__in=[Status.OFFERED, Status.DECLINED]
    )
    assert decisions.count() == 4  # three offers (two accepted since), one decline
    assert {(c.actor, c.by_id) for c in decisions} == {
        (PlaceChange.Actor.STAFF, facilitator.pk)
    }
    for place in Place.objects.filter(run=upcoming, status=Status.ACCEPTED):
        assert list(place.changes.values_list("status_to", flat=True)) == [
            Status.RECEIVED,
            Status.OFFERED,
            Status.ACCEPTED,
        ]
    # The past cohort's graduates, for the follow-up invitations job.
    graduates = statuses(past)
    assert set(graduates) == {Status.ACCEPTED} and graduates[Status.ACCEPTED] >= 6
    assert seats_left(upcoming) == upcoming.capacity - 3
    # Their joining details count as sent: publishing the course unchanged emails nobody.
    assert announce_changes(upcoming.course) == 0

    client.force_login(get_user_model().objects.get(username="communications"))
    listing = client.get("/admin/places/").content.decode()
    assert upcoming.title in listing


def test_demo_workshop_single_bookings_and_an_invoiced_block_of_ten(client, demo_site):
    workshops = runs("creative-writing-for-empathy")
    now = timezone.now()
    upcoming = [
        run for run in workshops if run.sessions.order_by("start").first().start > now
    ]
    next_run = upcoming[0]
    block = Booking.objects.get(run=next_run, places_booked=10)
    assert block.payer == Payer.EMPLOYER
    assert block.organisation and block.purchase_order
    assert block.finance_email.endswith("@example.org")
    assert block.tier_label == "Block booking" and block.amount == 400
    assert block.invoiced_at is not None and block.paid_at is None
    places = block.places.all()
    assert places.count() == 10
    assert places.exclude(email="").count() == 3
    assert set(places.values_list("status", flat=True)) == {Status.ACCEPTED}
    singles = Booking.objects.filter(run=next_run, places_booked=1)
    assert singles.count() >= 2
    assert {booking.payer for booking in singles} == {Payer.SELF}
    assert all(booking.places.count() == 1 for booking in singles)
    taken = Place.objects.filter(run=next_run, status=Status.ACCEPTED).count()
    assert taken == 10 + singles.count()
    left = seats_left(next_run)
    assert 0 < left == next_run.capacity - taken
    course = next_run.course
    html = client.get(course.url).content.decode()
    assert f"{left} places left" in html
    for run in upcoming:
        assert seats_left(run) > 0
    # Everyone is fictional, and loading the demo emailed none of them.
    emails = set(Place.objects.exclude(email="").values_list("email", flat=True))
    emails |= set(Booking.objects.values_list("lead_email", flat=True))
    emails |= set(Booking.objects.values_list("finance_email", flat=True)) - {""}
    assert all(email.endswith("@example.org") for email in emails)
    assert not Delivery.objects.filter(recipient__in=emails).exists()


def test_demo_drop_ins_for_single_dates_and_the_series(demo_site):
    series = next(run for run in runs("creative-empathy-hour") if run.bookable)
    places = Place.objects.filter(run=series, status=Status.ACCEPTED, way=Way.JOINED)
    assert places.filter(session__isnull=False).count() >= 3
    assert places.filter(session__isnull=True).count() == 1
    assert {place.session.run_id for place in places.exclude(session=None)} == {
        series.pk
    }
