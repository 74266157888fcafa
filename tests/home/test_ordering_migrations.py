"""Rows stored without a position get one: form questions and routing rules,
a course's facilitators, the home page's pinned courses (home.ordering)."""

from courses.models import CourseFacilitator
from forms_app.models import EnquiryFormField
from home.models import HomePageFeaturedCourse
from tests.support.migrations import (
    bare_page,
    locale,
    migrate_back_to,
    migrate_forward,
    migration_test,
)

BEFORE = [
    ("home", "0007_discovery"),
    ("courses", "0009_number_unnumbered_rows"),
    ("forms_app", "0011_sharing_image"),
]


@migration_test
def test_unnumbered_rows_follow_their_numbered_siblings_in_stored_order():
    old = migrate_back_to(BEFORE)
    english = locale(old, "en-gb")
    form = bare_page(old, "forms_app.EnquiryFormPage", english, "enquiry")
    Question = old.get_model("forms_app", "EnquiryFormField")
    # An editor's question first, then two stored by code without a position.
    for label, position in (("Team", 5), ("Format", None), ("Message", None)):
        Question.objects.create(
            page=form,
            label=label,
            field_type="singleline",
            sort_order=position,
            locale=english,
        )
    other_form = bare_page(old, "forms_app.EnquiryFormPage", english, "other")
    Question.objects.create(
        page=other_form, label="Only", field_type="singleline", locale=english
    )
    course = bare_page(old, "courses.CoursePage", english, "course")
    people = [
        bare_page(old, "facilitators.FacilitatorPage", english, slug)
        for slug in ("first", "second")
    ]
    for person in people:
        old.get_model("courses", "CourseFacilitator").objects.create(
            course=course, facilitator=person
        )
    home = bare_page(old, "home.HomePage", english, "home")
    old.get_model("home", "HomePageFeaturedCourse").objects.create(
        page=home, course=course
    )

    migrate_forward()

    def positions(rows, name: str) -> list[tuple[str, int]]:
        return [(getattr(r, name), r.sort_order) for r in rows.order_by("sort_order")]

    questions = EnquiryFormField.objects.filter(page_id=form.pk)
    assert positions(questions, "label") == [
        ("Team", 5),
        ("Format", 6),
        ("Message", 7),
    ]
    only = EnquiryFormField.objects.get(page_id=other_form.pk)
    assert only.sort_order == 0
    leaders = CourseFacilitator.objects.filter(course_id=course.pk)
    assert positions(leaders, "facilitator_id") == [
        (people[0].pk, 0),
        (people[1].pk, 1),
    ]
    assert HomePageFeaturedCourse.objects.get(page_id=home.pk).sort_order == 0
