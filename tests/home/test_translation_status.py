"""A Welsh page whose English source was published after the last sync is marked
stale in the explorer and on its edit view, with one link to update it."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import TranslationSource

from home.models import ContentPage
from tests.factories.home import ContentPageFactory
from tests.support.translation import welsh

pytestmark = pytest.mark.django_db

MARKER = "stale-translation"


def publish_english_edit(client, page: ContentPage, intro: str) -> None:
    """The English editor changes the intro and presses Publish."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": intro,
            "body": streamfield([]),
            "seo_title": "",
            "search_description": "",
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def listing_row(client, parent: Page, page: Page):
    """The explorer row of `page` under `parent`."""
    html = client.get(reverse("wagtailadmin_explore", args=[parent.pk])).content
    soup = BeautifulSoup(html, "html.parser")
    title = soup.find(id=f"page_{page.pk}_title")
    assert title is not None, f"no row for {page}"
    return title.find_parent("tr")


def edit_view(client, page: Page):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    return BeautifulSoup(html, "html.parser")


def update_url(page: ContentPage) -> str:
    source = TranslationSource.objects.get_for_instance(page)
    return reverse("wagtail_localize:update_translations", args=[source.pk])


@pytest.fixture
def translated(home_page, editor):
    """An English content page translated into Welsh and published in Welsh."""
    english = ContentPageFactory(parent=home_page, slug="about", intro="Who we are.")
    english.save_revision().publish()
    editor.submit(home_page, "cy", include_subtree=True)
    editor.translate(welsh(english), {"Who we are.": "Pwy ydym ni."})
    editor.publish(welsh(english))
    return english


def test_a_fresh_translation_is_not_marked(translated, editor):
    cy = welsh(translated)
    row = listing_row(editor.client, cy.get_parent(), cy)
    assert row.find(class_=MARKER) is None
    assert edit_view(editor.client, cy).find(class_=MARKER) is None


def test_publishing_the_source_marks_the_translation_until_it_is_updated(
    translated, editor
):
    cy = welsh(translated)
    publish_english_edit(editor.client, translated, "Who we are, and why.")

    row = listing_row(editor.client, cy.get_parent(), cy)
    button = row.find("a", class_=MARKER)
    assert button is not None, row
    assert button["href"].startswith(update_url(translated))

    editor_view = edit_view(editor.client, cy)
    message = editor_view.find(class_=MARKER)
    assert message is not None, "no stale warning on the Welsh edit view"
    link = message.find("a", href=lambda href: href.startswith(update_url(translated)))
    assert link is not None, message

    # The editor follows the link, as from the listing, and confirms.
    response = editor.client.get(button["href"])
    assert response.status_code == 200
    with editor.capture_on_commit(execute=True):
        response = editor.client.post(button["href"], {"publish_translations": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]

    row = listing_row(editor.client, cy.get_parent(), cy)
    assert row.find(class_=MARKER) is None
    assert edit_view(editor.client, cy).find(class_=MARKER) is None
    assert welsh(translated).intro == "Who we are, and why."


def test_saving_a_draft_of_the_source_does_not_mark_the_translation(translated, editor):
    translated.intro = "A draft nobody published."
    translated.save_revision()
    cy = welsh(translated)
    assert listing_row(editor.client, cy.get_parent(), cy).find(class_=MARKER) is None


def test_the_staleness_lookup_does_not_grow_with_the_listing(home_page, editor):
    def staleness_queries(stale_rows: int) -> int:
        """Queries of the listing that ask which translations lag their source."""
        url = reverse("wagtailadmin_explore", args=[welsh(home_page).pk])
        with CaptureQueriesContext(connection) as queries:
            response = editor.client.get(url)
        soup = BeautifulSoup(response.content, "html.parser")
        assert len(soup.find_all("a", class_=MARKER)) == stale_rows
        return sum("target_locale_id" in query["sql"] for query in queries)

    def stale_welsh_page(slug: str) -> None:
        page = ContentPageFactory(parent=home_page, slug=slug)
        page.save_revision().publish()
        editor.submit(page, "cy", include_subtree=False)
        page.save_revision().publish()

    editor.submit(home_page, "cy", include_subtree=False)
    stale_welsh_page("first")
    one_row = staleness_queries(stale_rows=1)
    stale_welsh_page("second")
    stale_welsh_page("third")
    assert staleness_queries(stale_rows=3) == one_row
