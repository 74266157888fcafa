"""Site search: the visitor's language only, staff promotions first, an excerpt each."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.search.utils import normalise_query_string

MAX_QUERY_LENGTH = 100
EXCERPT_WORDS = 30
# Short fields written to introduce a page, tried before its indexed text.
SUMMARY_FIELDS = ("search_description", "intro", "summary", "role")


@dataclass(frozen=True)
class Promotion:
    """A promoted result: a page in the visitor's language, or an external link."""

    title: str
    url: str
    description: str
    page: Page | None = None


def clean_query(raw: str) -> str:
    """The query as searched: trimmed, and no longer than MAX_QUERY_LENGTH."""
    return " ".join(raw.split())[:MAX_QUERY_LENGTH].strip()


def visible_pages(locale: Locale) -> QuerySet:
    """Every page a visitor may open in this language: live and not view-restricted."""
    return Page.objects.live().public().filter(locale=locale)


def promotions(query: str, locale: Locale) -> list[Promotion]:
    """Staff's promoted results for this query, pages shown only in this language."""
    picks = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query)
        )
        .select_related("page")
        .order_by("sort_order")
    )
    keys = [p.page.translation_key for p in picks if p.page_id]
    pages = {
        page.translation_key: page
        for page in visible_pages(locale).filter(translation_key__in=keys).specific()
    }
    shown = []
    for pick in picks:
        if pick.page_id is None:
            if pick.external_link_url:
                shown.append(
                    Promotion(
                        pick.external_link_text or pick.external_link_url,
                        pick.external_link_url,
                        pick.description,
                    )
                )
            continue
        page = pages.get(pick.page.translation_key)
        if page is not None and all(p.page != page for p in shown):
            shown.append(
                Promotion(
                    page.title, page.url, pick.description or excerpt(page), page=page
                )
            )
    return shown


def search(query: str, locale: Locale, exclude: list[int] | None = None):
    """Search results in this language, best first, without the promoted pages."""
    pages = visible_pages(locale)
    if exclude:
        pages = pages.exclude(pk__in=exclude)
    return pages.specific().search(query)


def record_hit(query: str) -> None:
    """Count the search for the admin's promoted-results and search-terms reports."""
    Query.get(query).add_hit()


def type_label(page: Page) -> str:
    """What kind of page this is, as a visitor would say it (Course, Facilitator…)."""
    label = getattr(page, "search_label", None)
    return str(label or capfirst(page.specific_class._meta.verbose_name))


def excerpt(page: Page) -> str:
    """About 30 words: the page's own summary, else the start of its indexed text."""
    for name in SUMMARY_FIELDS:
        text = getattr(page, name, "")
        if isinstance(text, str) and text.strip():
            return _words(text)
    for field in page.search_fields:
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        text = _searchable_text(page, field.field_name)
        if text:
            return _words(text)
    return ""


def _searchable_text(page: Page, name: str) -> str:
    value = getattr(page, name, None)
    if not value:
        return ""
    try:
        model_field = page._meta.get_field(name)
    except FieldDoesNotExist:
        model_field = None
    if hasattr(model_field, "get_searchable_content"):
        return " ".join(model_field.get_searchable_content(value))
    return str(value)


def _words(text: str) -> str:
    plain = " ".join(strip_tags(text).split())
    return Truncator(plain).words(EXCERPT_WORDS, truncate="…")
