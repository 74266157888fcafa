"""Site search over HTTP, as a visitor meets it at /search/ and /cy/chwilio/."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from staff.roles import COMMUNICATIONS, FACILITATORS
from tests.discovery.search.conftest import WELSH_WORD, publish
from tests.factories.courses import CoursePageFactory
from tests.factories.home import ContentPageFactory
from tests.support.admin import assert_refused
from tests.support.roles import client_for, staff_user

pytestmark = pytest.mark.django_db


def result_titles(html: str) -> list[str]:
    """Titles of the results and promotions, in the order shown."""
    return [
        unescape(title)
        for title in re.findall(
            r'class="search-result__title"><a href="[^"]*">([^<]*)</a>', html
        )
    ]


def get(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_english_search_finds_a_course_and_a_facilitator(client, course, facilitator):
    html = get(client, "/search/", q="empathy")
    assert result_titles(html) == ["Writing for Empathy"]
    assert "1 result for “empathy”" in html
    # A course's excerpt is its summary.
    assert '<p class="search-result__type">Course</p>' in html
    assert "A half-day online workshop on writing and empathy." in html

    html = get(client, "/search/", q="palliative")
    assert result_titles(html) == ["Dr Maren Ellery"]
    assert '<p class="search-result__type">Facilitator</p>' in html
    # A facilitator's excerpt is their role.
    assert "Clinical psychologist" in html


def test_welsh_search_finds_the_welsh_bio_and_no_english_page(
    client, welsh_facilitator, course
):
    assert reverse("search") == "/search/"
    html = get(client, "/cy/chwilio/", q=WELSH_WORD)
    assert '<html lang="cy">' in html
    assert result_titles(html) == ["Dr Maren Ellery"]
    assert f'href="{welsh_facilitator.url}"' in html
    assert welsh_facilitator.url.startswith("/cy/")
    # The English course matches "empathy" but is not in Welsh.
    assert result_titles(get(client, "/cy/chwilio/", q="empathy")) == []
    # The Welsh title is the same name; only the English profile is found in English.
    html = get(client, "/search/", q="Maren")
    assert result_titles(html) == ["Dr Maren Ellery"]
    assert 'href="/cy/' not in html.split('class="search-results"')[1]
    assert result_titles(get(client, "/search/", q=WELSH_WORD)) == []


def test_language_switcher_keeps_the_query(client, welsh_facilitator):
    html = get(client, "/search/", q="care plans")
    assert 'href="/cy/chwilio/?q=care+plans" lang="cy"' in html
    html = get(client, "/cy/chwilio/", q="care plans")
    assert 'href="/search/?q=care+plans" lang="en-gb"' in html


def test_promoted_result_shows_first_and_only_once(client, course, course_index):
    other = publish(
        CoursePageFactory(
            parent=course_index,
            title="Empathy at the bedside",
            summary="Empathy, empathy and more empathy for ward staff.",
        )
    )
    SearchPromotion.objects.create(
        query=Query.get("Empathy"),
        page=course,
        sort_order=0,
        description="Our most popular course.",
    )
    html = get(client, "/search/", q="empathy")
    assert result_titles(html) == ["Writing for Empathy", "Empathy at the bedside"]
    assert "Our most popular course." in html
    assert "2 results for “empathy”" in html
    # Counted for the admin's search-terms report.
    assert Query.get("empathy").hits == 1
    assert other.live


def test_promotion_of_an_unpublished_page_is_not_shown(client, course):
    SearchPromotion.objects.create(query=Query.get("empathy"), page=course)
    course.unpublish()
    html = get(client, "/search/", q="empathy")
    assert result_titles(html) == []
    assert "0 results for “empathy”" in html


def test_paging_ten_at_a_time_and_out_of_range_shows_the_last_page(
    client, course_index
):
    for number in range(23):
        publish(
            CoursePageFactory(
                parent=course_index,
                title=f"Reflective practice {number:02}",
                summary="Reflective practice for ward teams.",
            )
        )
    html = get(client, "/search/", q="reflective")
    assert "23 results for “reflective”" in html
    assert len(result_titles(html)) == 10
    assert "Page 1 of 3" in html
    assert 'rel="next" href="?q=reflective&amp;page=2"' in html
    assert 'rel="prev"' not in html

    html = get(client, "/search/", q="reflective", page="2")
    assert "Page 2 of 3" in html
    assert len(result_titles(html)) == 10
    assert 'rel="prev" href="?q=reflective&amp;page=1"' in html
    assert 'rel="next" href="?q=reflective&amp;page=3"' in html

    for beyond in ("99", "x"):
        html = get(client, "/search/", q="reflective", page=beyond)
        expected = "Page 3 of 3" if beyond == "99" else "Page 1 of 3"
        assert expected in html
    assert len(result_titles(get(client, "/search/", q="reflective", page="99"))) == 3


def test_result_pages_are_noindex_and_an_empty_query_shows_only_the_form(
    client, course
):
    html = get(client, "/search/")
    assert '<meta name="robots" content="noindex">' in html
    assert 'id="search-page-q"' in html
    assert "result" not in html.split("<main")[1].split("</main>")[0].lower()
    html = get(client, "/search/", q="   ")
    assert "search-page__count" not in html
    html = get(client, "/search/", q="empathy")
    assert '<meta name="robots" content="noindex">' in html
    assert '<meta name="robots"' not in get(client, course.url)


def test_no_results_say_so_and_link_to_the_course_list(client, course, course_index):
    html = get(client, "/search/", q="zebras")
    assert "0 results for “zebras”" in html
    assert "Nothing on this site matches your search." in html
    assert f'<a href="{course_index.url}">Browse all our courses</a>' in html


def test_query_is_cut_to_100_characters(client, course):
    long_query = "empathy " + "x" * 150
    html = get(client, "/search/", q=long_query)
    kept = long_query[:100]
    assert f'value="{kept}"' in html
    assert 'maxlength="100"' in html
    assert long_query[:101] not in html


def test_unpublished_and_private_pages_never_appear(client, home_page, course):
    draft = ContentPageFactory(parent=home_page, title="Empathy draft", live=False)
    private = publish(ContentPageFactory(parent=home_page, title="Empathy private"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    course.unpublish()
    html = get(client, "/search/", q="empathy")
    assert result_titles(html) == []
    assert draft.title not in html and private.title not in html


def test_header_search_box_submits_to_the_visitors_language(
    client, welsh_facilitator, facilitator
):
    form = re.compile(r'<form class="site-search" role="search"[^>]* action="([^"]+)"')
    english = get(client, facilitator.url)
    assert form.search(english).group(1) == "/search/"
    assert 'type="search" name="q"' in english
    welsh = get(client, welsh_facilitator.url)
    assert form.search(welsh).group(1) == "/cy/chwilio/"
    # Submitting the box is a GET of that address with q.
    assert result_titles(get(client, "/cy/chwilio/", q=WELSH_WORD)) == [
        welsh_facilitator.title
    ]


def test_communications_staff_edit_promotions_and_facilitators_may_not(db):
    index = reverse("wagtailsearchpromotions:index")
    add = reverse("wagtailsearchpromotions:add")
    communications = client_for(staff_user(COMMUNICATIONS))
    assert communications.get(index).status_code == 200
    assert communications.get(add).status_code == 200
    dashboard = communications.get(reverse("wagtailadmin_home")).content.decode()
    assert index in dashboard  # in the Settings menu
    facilitator = client_for(staff_user(FACILITATORS))
    assert_refused(facilitator.get(index))
    assert Group.objects.get(name=COMMUNICATIONS).permissions.filter(
        codename="add_searchpromotion"
    )


def test_promotion_shows_the_page_in_the_visitors_language(
    client, welsh_facilitator, facilitator, course
):
    query = Query.get("tiwtor")
    SearchPromotion.objects.create(query=query, page=facilitator, sort_order=0)
    # The course has no Welsh translation: promoted in English only.
    SearchPromotion.objects.create(query=query, page=course, sort_order=1)

    welsh = get(client, "/cy/chwilio/", q="tiwtor")
    assert result_titles(welsh) == [welsh_facilitator.title]
    assert f'href="{welsh_facilitator.url}"' in welsh
    assert "Seicolegydd clinigol" in welsh  # the Welsh page's own excerpt
    assert "1 canlyniad ar gyfer “tiwtor”" in welsh

    english = get(client, "/search/", q="tiwtor")
    assert result_titles(english) == [facilitator.title, course.title]
    assert f'href="{facilitator.url}"' in english
    assert 'href="/cy/' not in english.split("<main")[1].split("</main>")[0]
