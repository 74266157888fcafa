"""The typed "places booked" number becomes places when the places app arrives."""

import pytest

from tests.support.migrations import bare_course, migrate_back_to, migrate_forward

BEFORE = [("courses", "0003_price_tier_eligibility"), ("places", "0001_initial")]
AFTER = [("courses", "0004_places_counted_not_typed")]


@pytest.mark.migrations
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_typed_counts_become_places_counted_once_per_translated_run():
    old = migrate_back_to(BEFORE)
    Locale = old.get_model("wagtailcore", "Locale")
    CourseRun = old.get_model("courses", "CourseRun")
    english = Locale.objects.get(language_code="en-gb")
    welsh, _created = Locale.objects.get_or_create(language_code="cy")
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

    from courses.models import CourseRun as Run
    from places.models import Place

    places = Place.objects.all()
    assert places.count() == 3
    assert {p.run_id for p in places} == {source.pk}
    assert all(p.status == "accepted" and p.holds_seat for p in places)
    assert Run.objects.get(pk=source.pk).places_left == 7
    assert Run.objects.get(title="Gwanwyn").places_left == 7
