"""The typed "places booked" number becomes places when the places app arrives."""

from courses import models as course_models
from places.models import Place
from tests.support.migrations import (
    bare_course,
    locale,
    migrate_back_to,
    migrate_forward,
    migration_test,
)

BEFORE = [("courses", "0003_price_tier_eligibility"), ("places", "0001_initial")]
AFTER = [("courses", "0004_places_counted_not_typed")]


@migration_test
def test_typed_counts_become_places_counted_once_per_translated_run():
    old = migrate_back_to(BEFORE)
    CourseRun = old.get_model("courses", "CourseRun")
    english, welsh = locale(old, "en-gb"), locale(old, "cy")
    course = bare_course(old, english)
    source = CourseRun.objects.create(
        course=course, title="Spring", capacity=10, places_booked=3, locale=english
    )
    CourseRun.objects.create(
        course=course,
        title="Gwanwyn",
        capacity=10,
        places_booked=3,
        locale=welsh,
        translation_key=source.translation_key,
    )
    CourseRun.objects.create(
        course=course, title="Autumn", capacity=10, places_booked=0, locale=english
    )

    migrate_forward()

    places = Place.objects.all()
    assert places.count() == 3
    assert {p.run_id for p in places} == {source.pk}
    assert all(p.status == "accepted" and p.holds_seat for p in places)
    assert course_models.CourseRun.objects.get(pk=source.pk).places_left == 7
    assert course_models.CourseRun.objects.get(title="Gwanwyn").places_left == 7
