"""Runs, sessions and price tiers stored without an order are numbered once."""

from datetime import datetime, timedelta

from django.utils import timezone

from courses import models as course_models
from tests.support.migrations import (
    bare_course,
    locale,
    migrate_back_to,
    migrate_forward,
    migration_test,
)

BEFORE = [("courses", "0008_sharing_image_and_enquiry_contact")]


@migration_test
def test_unnumbered_rows_are_numbered_and_numbered_ones_keep_their_order():
    old = migrate_back_to(BEFORE)
    CourseRun = old.get_model("courses", "CourseRun")
    CourseSession = old.get_model("courses", "CourseSession")
    CoursePriceTier = old.get_model("courses", "CoursePriceTier")
    english = locale(old, "en-gb")

    def course(slug: str):
        return bare_course(old, english, slug)

    def sessions(run, starts, numbered: bool):
        for n, start in enumerate(starts):
            CourseSession.objects.create(
                run=run,
                start=start,
                end=start + timedelta(hours=2),
                sort_order=n if numbered else None,
            )

    first = timezone.now().replace(microsecond=0) + timedelta(days=30)
    weeks = [first + timedelta(weeks=n) for n in range(3)]
    unnumbered = course("unnumbered")
    later = CourseRun.objects.create(course=unnumbered, title="Later", locale=english)
    sessions(later, [w + timedelta(weeks=10) for w in reversed(weeks)], False)
    sooner = CourseRun.objects.create(course=unnumbered, title="Sooner", locale=english)
    sessions(sooner, weeks, False)
    CoursePriceTier.objects.create(
        course=unnumbered, label="Standard", amount=100, locale=english
    )
    CoursePriceTier.objects.create(
        course=unnumbered, label="Student", amount=50, locale=english
    )
    # An editor's deliberate order, not the order of the dates, is kept.
    kept = course("kept")
    run = CourseRun.objects.create(course=kept, title="B", sort_order=0, locale=english)
    CourseRun.objects.create(course=kept, title="A", sort_order=1, locale=english)
    sessions(run, weeks, True)

    migrate_forward()

    def in_order(course_slug: str) -> list[tuple[str, list[datetime]]]:
        runs = course_models.CourseRun.objects.filter(
            course__slug=course_slug
        ).order_by("sort_order")
        return [
            (r.title, [s.start for s in r.sessions.order_by("sort_order")])
            for r in runs
        ]

    assert in_order("unnumbered") == [
        ("Sooner", weeks),
        ("Later", [w + timedelta(weeks=10) for w in weeks]),
    ]
    tiers = course_models.CoursePriceTier.objects.filter(
        course__slug="unnumbered"
    ).order_by("sort_order")
    assert [t.label for t in tiers] == ["Standard", "Student"]
    assert in_order("kept") == [("B", weeks), ("A", [])]
