"""Facilitator pages: where they go, what they render and how many queries that takes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from facilitators.models import FacilitatorIndexPage, FacilitatorPage
from home.models import ContentPage, HomePage
from tests.facilitators.conftest import linked_profile
from tests.factories.facilitators import FacilitatorPageFactory

pytestmark = pytest.mark.django_db


class TestPageTreeRules(WagtailPageTestCase):
    def test_index_goes_under_the_home_page_once(self):
        self.assertAllowedParentPageTypes(FacilitatorIndexPage, {HomePage})
        self.assertCanNotCreateAt(ContentPage, FacilitatorIndexPage)

    def test_profiles_go_only_under_the_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(FacilitatorPage, {FacilitatorIndexPage})
        self.assertAllowedSubpageTypes(FacilitatorPage, set())


def test_bio_editor_offers_only_links_and_lists(admin_client, own_profile):
    html = admin_client.get(f"/admin/pages/{own_profile.pk}/edit/").content.decode()
    bio = html.split('name="bio"', 1)[1].split("</textarea>", 1)[0]
    bio = bio.replace("&quot;", '"')
    assert '"type": "LINK"' in bio
    assert '"type": "ordered-list-item"' in bio
    assert '"type": "unordered-list-item"' in bio
    assert '"type": "header-two"' not in bio
    assert '"type": "BOLD"' not in bio


def test_index_lists_live_profiles_as_cards_with_square_photos(
    client, index, own_profile, other_profile
):
    own_profile.pronouns = "she/her"
    own_profile.save_revision().publish()
    FacilitatorPageFactory(parent=index, title="Unpublished Person", live=False)
    response = client.get(index.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="card facilitator-card"') == 2
    assert f'<a href="{own_profile.url}">Dr Maren Ellery</a>' in html
    assert "Pronouns: she/her" in html
    assert "Clinical psychologist" in html
    # The card's CSS shows a 160px circle (static/css/site.css .facilitator-card img).
    assert "fill-160x160" in html
    assert 'height="160"' in html and 'width="160"' in html
    assert "Unpublished Person" not in html


def test_index_queries_do_not_grow_with_the_number_of_profiles(client, index):
    for number in range(2):
        linked_profile(index, f"Person {number}", None)
    client.get(index.url)  # warm renditions and site caches
    with CaptureQueriesContext(connection) as two:
        client.get(index.url)
    for number in range(2, 6):
        linked_profile(index, f"Person {number}", None)
    client.get(index.url)
    with CaptureQueriesContext(connection) as six:
        client.get(index.url)
    assert len(six) == len(two)


def test_profile_shows_portrait_role_registration_bio_and_links(client, own_profile):
    own_profile.professional_registration = "HCPC PYL000000"
    own_profile.bio = '<p>Leads <a href="https://example.org/a">workshops</a>.</p>'
    own_profile.links = [
        ("link", {"label": "Website", "url": "https://example.org/maren"})
    ]
    own_profile.save_revision().publish()
    response = client.get(own_profile.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Dr Maren Ellery</h1>" in html
    assert '<p class="lead">Clinical psychologist</p>' in html
    assert "<dd>HCPC PYL000000</dd>" in html
    assert '<a href="https://example.org/a">workshops</a>' in html
    assert '<a href="https://example.org/maren">Website</a>' in html
    assert "fill-320x400" in html
    assert 'alt="Photo of Dr Maren Ellery"' in html
    assert "Courses they lead" not in html


def test_a_profile_no_course_lists_leads_nothing(own_profile):
    assert own_profile.courses_led() == []
