"""Drive wagtail-localize's own admin views as an editor does: submit, translate, publish."""

import json
from html import unescape
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page


class TranslationEditor:
    """An editor signed in to the admin, with each request's on-commit work run."""

    def __init__(self, client: Client, capture_on_commit) -> None:
        self.client = client
        self.capture_on_commit = capture_on_commit

    def submit(self, page: Page, language_code: str, include_subtree: bool) -> None:
        """'Translate this page', optionally with 'Include subtree'."""
        data = {"locales": [Locale.objects.get(language_code=language_code).pk]}
        if include_subtree:
            data["include_subtree"] = "on"
        url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        with self.capture_on_commit(execute=True):
            response = self.client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]

    def segments(self, page: Page) -> list[dict]:
        """The strings the translation editor offers for a translated page."""
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        html = self.client.get(url).content.decode()
        assert "js-translation-editor" in html, "not the translation editor"
        props = html.split('class="js-translation-editor" data-props="', 1)[1]
        props = json.loads(unescape(props.split('"', 1)[0]))
        return [s for s in props["segments"] if s["type"] == "string"]

    def translate(self, page: Page, strings: dict[str, str]) -> list[dict]:
        """Type a translation for every offered string found in `strings`."""
        segments = self.segments(page)
        for segment in segments:
            if segment["source"] in strings:
                response = self.client.put(
                    segment["editUrl"],
                    urlencode({"value": strings[segment["source"]]}),
                    content_type="application/x-www-form-urlencoded",
                )
                assert response.status_code in (200, 201), response.content
        return segments

    def publish(self, page: Page) -> None:
        """The translation editor's Publish button."""
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        with self.capture_on_commit(execute=True):
            response = self.client.post(url, {"action": "publish"})
        assert response.status_code == 302, response.content.decode()[:2000]


def welsh(page: Page) -> Page:
    """The Welsh translation of a page, as stored now."""
    return Page.objects.get(
        translation_key=page.translation_key, locale__language_code="cy"
    ).specific
