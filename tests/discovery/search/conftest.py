"""A small site to search: a course, a facilitator with a Welsh profile, a form."""

import pytest
from wagtail.models import Page

from home.demo.translation import translate
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)

WELSH_BIO = "Mae hi'n arbenigwraig ar wrando tosturiol mewn gofal lliniarol."
# A word only the Welsh bio has.
WELSH_WORD = "lliniarol"


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def course_index(home_page):
    return publish(CourseIndexPageFactory(parent=home_page))


@pytest.fixture
def course(course_index):
    return publish(
        CoursePageFactory(
            parent=course_index,
            title="Writing for Empathy",
            summary="A half-day online workshop on writing and empathy.",
        )
    )


@pytest.fixture
def facilitator_index(home_page):
    return publish(FacilitatorIndexPageFactory(parent=home_page))


@pytest.fixture
def facilitator(facilitator_index):
    return publish(
        FacilitatorPageFactory(
            parent=facilitator_index,
            title="Dr Maren Ellery",
            role="Clinical psychologist",
            bio="<p>Leads workshops on compassionate listening in palliative care.</p>",
        )
    )


@pytest.fixture
def welsh_facilitator(
    home_page, facilitator_index, facilitator, django_capture_on_commit_callbacks
):
    """The facilitator's profile in Welsh, through wagtail-localize as the demo does."""
    # Each parent's translation must be committed before its child's.
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, "cy", {home_page.title: "Hafan prawf"})
    with django_capture_on_commit_callbacks(execute=True):
        translate(facilitator_index, "cy", {facilitator_index.title: "Ein hwyluswyr"})
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            facilitator,
            "cy",
            {
                facilitator.role: "Seicolegydd clinigol",
                "Leads workshops on compassionate listening in palliative care.": (
                    WELSH_BIO
                ),
            },
        )
    return Page.objects.get(
        translation_key=facilitator.translation_key, locale__language_code="cy"
    ).specific
