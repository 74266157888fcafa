"""Form pages and search results: at most 12 queries, however much they offer.

Each test builds a small page in English and Welsh, counts the queries of a warm
request (the second GET), then adds many runs, sessions, prices, questions or
results and counts again: the same number, in both languages.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from forms_app.models import ApplicationFormPage
from home.demo.translation import resync, translate
from places.models import Place, Status, Way
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CoursePriceTierFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)
from tests.factories.forms_app import (
    ApplicationFormFieldFactory,
    ApplicationFormPageFactory,
    EnquiryFormFieldFactory,
    EnquiryFormPageFactory,
)
from tests.factories.home import ContentPageFactory
from tests.support.places import take_places
from tests.support.queries import warm_get

pytestmark = pytest.mark.django_db

# Per page type, warm, in English and in Welsh (the ceiling is 12). The
# enquiry form needs only the site, its page, questions, settings and surroundings.
APPLICATION_FORM_BUDGET = 12
DROP_IN_FORM_BUDGET = 12
ENQUIRY_FORM_BUDGET = 7
SEARCH_RESULTS_BUDGET = 12


def warm_queries(client, url: str) -> tuple[int, str]:
    response, queries = warm_get(client, url)
    assert response.status_code == 200, url
    return queries, response.content.decode()


def in_welsh(page: Page) -> Page:
    return Page.objects.get(
        translation_key=page.translation_key, locale__language_code="cy"
    )


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def welsh(django_capture_on_commit_callbacks):
    """Translate pages into Welsh (parents first) as the demo does."""

    def _translate(*pages: Page) -> list[Page]:
        translated = []
        for page in pages:
            with django_capture_on_commit_callbacks(execute=True):
                translated.append(translate(page, "cy", {}))
        return translated

    return _translate


@pytest.fixture
def resynced(django_capture_on_commit_callbacks):
    """Carry content added to English pages into their Welsh translations."""

    def _resync(*pages: Page) -> None:
        for page in pages:
            with django_capture_on_commit_callbacks(execute=True):
                resync(Page.objects.get(pk=page.pk).specific)

    return _resync


def add_run(course, sessions: int, capacity=None, weeks_from_now: int = 2):
    run = CourseRunFactory(course=course, capacity=capacity)
    start = timezone.now().replace(microsecond=0) + timedelta(weeks=weeks_from_now)
    made = [
        CourseSessionFactory(
            run=run,
            start=start + timedelta(weeks=n),
            end=start + timedelta(weeks=n, hours=2),
        )
        for n in range(sessions)
    ]
    return run, made


def course_with_form(index, participation: str, slug: str, capacity=None):
    course = CoursePageFactory(parent=index, participation=participation)
    CoursePriceTierFactory(course=course, label="Standard", amount=Decimal("125"))
    add_run(course, 1, capacity=capacity)
    form = ApplicationFormPageFactory(parent=course, slug=slug)
    ApplicationFormFieldFactory(page=form, label="Current role")
    publish(form)
    course.form_page = form
    publish(course)
    return course, ApplicationFormPage.objects.get(pk=form.pk)


@pytest.fixture
def course_index(home_page, privacy_page):
    return publish(CourseIndexPageFactory(parent=home_page))


def test_booking_form_queries_stay_within_budget_as_runs_prices_and_questions_grow(
    client, home_page, course_index, welsh, resynced
):
    course, form = course_with_form(course_index, "book", "book", capacity=20)
    few, html = warm_queries(client, form.url)
    assert 'name="run"' in html and 'name="price"' in html
    welsh(home_page, course_index, course, form)
    welsh_url = in_welsh(form).url
    welsh_few, welsh_html = warm_queries(client, welsh_url)
    assert 'name="run"' in welsh_html

    for weeks in range(3, 9):
        add_run(course, 4, capacity=10, weeks_from_now=weeks)
    full, _sessions = add_run(course, 3, capacity=2, weeks_from_now=10)
    take_places(full, 2)
    for number in range(5):
        CoursePriceTierFactory(
            course=course, label=f"Tier {number}", amount=Decimal(50 + number)
        )
    for number in range(10):
        ApplicationFormFieldFactory(page=form, label=f"Question {number}")
    resynced(course, form)

    many, html = warm_queries(client, form.url)
    assert html.count('name="run"') == 8  # seven open runs and one waiting list
    assert "Join the waiting list" in html
    assert html.count('name="price"') == 6
    welsh_many, welsh_html = warm_queries(client, welsh_url)
    assert welsh_html.count('name="run"') == 8
    assert (few, welsh_few) == (many, welsh_many)
    assert max(few, welsh_few) <= APPLICATION_FORM_BUDGET


def test_drop_in_form_queries_stay_within_budget_as_dates_and_places_grow(
    client, home_page, course_index, welsh, resynced
):
    course, form = course_with_form(course_index, "join", "join", capacity=5)
    few, html = warm_queries(client, form.url)
    assert html.count('name="run"') == 1
    welsh(home_page, course_index, course, form)
    welsh_url = in_welsh(form).url
    welsh_few, _html = warm_queries(client, welsh_url)

    for weeks in range(3, 7):
        run, sessions = add_run(course, 4, capacity=5, weeks_from_now=weeks)
        for session in sessions[:2]:
            Place.objects.create(
                run=run, session=session, way=Way.STAFF, status=Status.ACCEPTED
            )
    resynced(course)

    many, html = warm_queries(client, form.url)
    # Four dates and the series for each new run, and the first run's one date.
    assert html.count('name="run"') == 4 * 5 + 1
    assert "4 places left" in html
    welsh_many, welsh_html = warm_queries(client, welsh_url)
    assert welsh_html.count('name="run"') == 4 * 5 + 1
    assert "4 places left" in welsh_html or "4 lle ar ôl" in welsh_html
    assert (few, welsh_few) == (many, welsh_many)
    assert max(few, welsh_few) <= DROP_IN_FORM_BUDGET


def test_enquiry_form_queries_stay_within_budget_as_questions_grow(
    client, home_page, privacy_page, welsh, resynced
):
    page = EnquiryFormPageFactory(parent=home_page, slug="enquiry")
    EnquiryFormFieldFactory(page=page, label="Type of team")
    page = publish(page)
    few, html = warm_queries(client, page.url)
    assert f'href="{privacy_page.url}"' in html
    welsh(home_page, privacy_page, page)
    welsh_url = in_welsh(page).url
    welsh_few, welsh_html = warm_queries(client, welsh_url)
    # The privacy notice in the visitor's language.
    assert f'href="{in_welsh(privacy_page).url}"' in welsh_html

    for number in range(15):
        EnquiryFormFieldFactory(page=page, label=f"Question {number}")
    resynced(page)

    many, html = warm_queries(client, page.url)
    assert "Question 14" in html
    welsh_many, _html = warm_queries(client, welsh_url)
    assert (few, welsh_few) == (many, welsh_many)
    assert max(few, welsh_few) <= ENQUIRY_FORM_BUDGET


def test_search_results_queries_stay_within_budget_as_results_grow(
    client, home_page, course_index, welsh
):
    slugs = iter(range(100))

    def searchable(make, **fields):
        slug = f"empathy-{next(slugs)}"
        return publish(make(title="Empathy at work", slug=slug, **fields))

    def promote(page, order: int) -> None:
        SearchPromotion.objects.create(
            query=Query.get("empathy"), page=page, sort_order=order, description="Try"
        )

    promoted = searchable(ContentPageFactory, parent=home_page, intro="Empathy.")
    promote(promoted, 0)
    found = searchable(ContentPageFactory, parent=home_page, intro="About empathy.")
    welsh(home_page, promoted, found)
    few, html = warm_queries(client, "/search/?q=empathy")
    assert html.count("search-result--promoted") == 1
    assert html.count('class="search-result"') == 1
    welsh_few, welsh_html = warm_queries(client, "/cy/chwilio/?q=empathy")
    assert welsh_html.count('class="search-result"') == 1

    people = publish(FacilitatorIndexPageFactory(parent=home_page))
    welsh(course_index, people)
    made = [
        searchable(ContentPageFactory, parent=home_page, intro=""),
        searchable(CoursePageFactory, parent=course_index),
        searchable(CoursePageFactory, parent=course_index),
        searchable(FacilitatorPageFactory, parent=people, role="Empathy lead"),
        searchable(FacilitatorPageFactory, parent=people, role="Empathy lead"),
        searchable(EnquiryFormPageFactory, parent=home_page),
        searchable(EnquiryFormPageFactory, parent=home_page),
        *(searchable(ContentPageFactory, parent=home_page) for _n in range(3)),
    ]
    made.append(searchable(ApplicationFormPageFactory, parent=made[1]))
    made.append(searchable(ApplicationFormPageFactory, parent=made[2]))
    promote(made[2], 1)
    promote(made[4], 2)
    welsh(*made)

    many, html = warm_queries(client, "/search/?q=empathy")
    assert html.count("search-result--promoted") == 3
    assert html.count('class="search-result"') == 10  # a first page of 11
    assert "Empathy lead" in html  # a facilitator's excerpt, from the specific page
    welsh_many, welsh_html = warm_queries(client, "/cy/chwilio/?q=empathy")
    assert welsh_html.count("search-result--promoted") == 3
    assert welsh_html.count('class="search-result"') == 10
    assert (few, welsh_few) == (many, welsh_many)
    assert max(few, welsh_few) <= SEARCH_RESULTS_BUDGET
