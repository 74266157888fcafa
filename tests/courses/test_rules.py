"""Rules as plain functions: discounts, zones, the generator, booking, date mentions."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.demo.relative_dates import clock_changes, next_clock_change
from courses.generator import parse_skip_dates, weekly_session_times
from courses.models import CoursePriceTier, CourseRun
from courses.rules import (
    LONDON,
    date_mention_errors,
    discount_claim_error,
    discount_percent,
    london_zone_label,
    price_per_place,
)
from tests.factories.courses import CourseRunFactory, CourseSessionFactory
from tests.support.places import take_places


def test_discount_maths():
    assert discount_percent(Decimal("50"), Decimal("125")) == 60
    assert price_per_place(Decimal("400"), 10) == Decimal("40.00")
    assert discount_percent(Decimal("40"), Decimal("125")) == 68
    assert discount_percent(Decimal("125"), Decimal("125")) == 0
    assert discount_percent(Decimal("50"), None) == 0


def test_tier_refuses_a_claim_its_numbers_do_not_support():
    tier = CoursePriceTier(
        label="Introductory",
        description="60% off",
        amount=Decimal("60"),
        compared_against=Decimal("125"),
    )
    assert tier.discount == 52
    with pytest.raises(Exception, match="claims 60% but the numbers give 52%"):
        tier.clean()
    assert discount_claim_error("Save 60%", 60) is None


def test_block_tier_per_place_price():
    tier = CoursePriceTier(label="Block", amount=Decimal("400"), places=10)
    assert tier.per_place == Decimal("40.00")


def test_zone_label_follows_the_date():
    forward, back = clock_changes(timezone.localdate().year + 1)
    day = timedelta(days=1)
    noon = time(12)
    assert london_zone_label(datetime.combine(forward - day, noon, LONDON)) == "GMT"
    assert london_zone_label(datetime.combine(forward + day, noon, LONDON)) == "BST"
    assert london_zone_label(datetime.combine(back - day, noon, LONDON)) == "BST"
    assert london_zone_label(datetime.combine(back + day, noon, LONDON)) == "GMT"


def test_generator_skips_dates_and_keeps_wall_clock_time():
    change = next_clock_change(timezone.localdate())
    # From the Monday before a clock change, skipping the Monday after it.
    first, skipped = change - timedelta(days=6), change + timedelta(days=1)
    times = weekly_session_times(
        3, first, time(15), time(17), parse_skip_dates(skipped.isoformat())
    )
    assert [start.date() for start, _ in times] == [
        first,
        first + timedelta(weeks=2),
        first + timedelta(weeks=3),
    ]
    assert all(start.hour == 15 for start, _ in times)
    with pytest.raises(ValueError):
        parse_skip_dates("next tuesday")


def test_date_mentions():
    day = timezone.localdate() + timedelta(days=45)
    next_day, later = day + timedelta(days=1), day + timedelta(days=2)
    [error] = date_mention_errors(f"{next_day:%A} {day.day} {day:%B %Y}", [])
    assert f"is a {day:%A}" in error
    assert date_mention_errors(f"{day:%A} {day.day} {day:%B %Y}", [day]) == []
    [error] = date_mention_errors(f"{day.day} {day:%B} {day.year - 1}", [day])
    assert f"year {day.year - 1}" in error
    # Without a year, a weekday on a day with no session is not checked.
    assert date_mention_errors(f"{day:%A} {later.day} {later:%B}", [day]) == []


@pytest.mark.django_db
def test_open_for_booking_function_and_queryset_agree(course):
    now = timezone.now()
    soon = now + timedelta(days=3)
    open_run = CourseRunFactory(course=course, title="open")
    CourseSessionFactory(run=open_run, start=soon, end=soon + timedelta(hours=1))
    full = CourseRunFactory(course=course, title="full", capacity=10)
    take_places(full, 10)
    CourseSessionFactory(run=full, start=soon, end=soon + timedelta(hours=1))
    closed = CourseRunFactory(
        course=course, title="closed", booking_closes=now.date() - timedelta(days=1)
    )
    CourseSessionFactory(run=closed, start=soon, end=soon + timedelta(hours=1))
    past = CourseRunFactory(course=course, title="past")
    CourseSessionFactory(
        run=past, start=now - timedelta(days=3), end=now - timedelta(days=3)
    )
    cancelled = CourseRunFactory(course=course, title="cancelled")
    CourseSessionFactory(
        run=cancelled, start=soon, end=soon + timedelta(hours=1), status="cancelled"
    )
    not_yet = CourseRunFactory(
        course=course, title="not yet", booking_opens=now.date() + timedelta(days=1)
    )
    CourseSessionFactory(run=not_yet, start=soon, end=soon + timedelta(hours=1))
    by_function = {
        r.title for r in CourseRun.objects.all() if r.is_open_for_booking(now)
    }
    by_queryset = set(
        CourseRun.objects.open_for_booking(now).values_list("title", flat=True)
    )
    assert by_function == by_queryset == {"open"}
    assert str(open_run) == f"{course.title}: open"
    # Full, otherwise open: its waiting list, by the rule and by the query alike.
    waiting_by_function = {
        r.title for r in CourseRun.objects.all() if r.has_waiting_list(now)
    }
    waiting_by_queryset = set(
        CourseRun.objects.full_with_waiting_list(now).values_list("title", flat=True)
    )
    assert waiting_by_function == waiting_by_queryset == {"full"}


@pytest.mark.django_db
def test_call_to_action_preselects_the_run(client, course, run, home_page):
    course.form_page = home_page
    course.save()
    html = client.get(course.url).content.decode()
    assert f'href="/?run={run.pk}"' in html


@pytest.mark.django_db
def test_graduates_only_follow_ups_show_but_never_keep_a_run_open(
    client, course, course_index
):
    """Decided: follow-ups are listed and in calendars, but nobody can book on them."""
    now = timezone.now()
    cohort = CourseRunFactory(course=course, title="Past cohort")
    for week in (6, 5, 4):
        start = now - timedelta(weeks=week)
        CourseSessionFactory(run=cohort, start=start, end=start + timedelta(hours=2))
    follow_up = now + timedelta(days=9)
    CourseSessionFactory(
        run=cohort,
        start=follow_up,
        end=follow_up + timedelta(hours=1),
        graduates_only=True,
    )
    course.save_revision().publish()

    assert not cohort.is_open_for_booking(now)
    assert not CourseRun.objects.open_for_booking(now).exists()
    assert course.open_runs() == []
    page = client.get(course.url).content.decode()
    assert "For graduates of this course" in page
    assert "Not taking bookings" in page
    listing = client.get(course_index.url).content.decode()
    assert "No upcoming dates" in listing
    feed = client.get(f"{course_index.url}calendar/").content.decode()
    assert feed.count("BEGIN:VEVENT") == 1


@pytest.mark.django_db
def test_soonest_first_orders_runs_by_their_first_core_meeting(course):
    now = timezone.now()
    later = CourseRunFactory(course=course, title="later")
    CourseSessionFactory(run=later, start=now + timedelta(days=20))
    sooner = CourseRunFactory(course=course, title="sooner")
    # A cancelled first meeting does not make a run sooner.
    CourseSessionFactory(run=sooner, start=now + timedelta(days=1), status="cancelled")
    CourseSessionFactory(run=sooner, start=now + timedelta(days=10))
    CourseRunFactory(course=course, title="empty")
    titles = list(
        CourseRun.objects.filter(course=course)
        .soonest_first()
        .values_list("title", flat=True)
    )
    assert titles == ["sooner", "later", "empty"]
