"""Site search: the visitor's language only, staff promotions first, an excerpt each."""

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from wagtail.contrib.search_promotions.models import (
    Query,
    QueryDailyHits,
    SearchPromotion,
)
from wagtail.models import Locale, Page, get_page_models
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
    """Every page a visitor may open in this language: live and not view-restricted.

    Building it reads the view restrictions: build it once per search.
    """
    return Page.objects.live().public().filter(locale=locale)


def promotions(query: str, pages: QuerySet) -> list[Promotion]:
    """Staff's promoted results for this query, shown only among these pages."""
    picks = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query)
        )
        .select_related("page")
        .order_by("sort_order")
    )
    promoted = [pick.page for pick in picks if pick.page_id]
    by_key = {}
    if promoted:
        # A page's translations are of its own type.
        types = {page.specific_class for page in promoted}
        keys = [page.translation_key for page in promoted]
        for page in specific_pages(pages.filter(translation_key__in=keys), types):
            by_key[page.translation_key] = page
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
        page = by_key.get(pick.page.translation_key)
        if page is not None and all(p.page != page for p in shown):
            shown.append(
                Promotion(
                    page.title, page.url, pick.description or excerpt(page), page=page
                )
            )
    return shown


def search(query: str, pages: QuerySet, exclude: list[int] | None = None):
    """Search results among these pages, best first, without the promoted pages.

    The results are plain pages: `specific_results` gives one page of them as
    their own types.
    """
    if exclude:
        pages = pages.exclude(pk__in=exclude)
    return pages.search(query)


def specific_pages(pages: QuerySet, types: set[type]) -> list[Page]:
    """The pages, all of these types, as their own types in one query.

    Wagtail's `.specific()` asks once per page type; joining each type's table to
    the page (as Django's `select_related` follows a child model) asks once.
    """
    paths = _page_type_paths()
    joins = [paths[model] for model in types if model in paths]
    return [_as_specific(row, paths) for row in pages.select_related(*joins)]


def specific_results(results: list[Page]) -> list[Page]:
    """One page of search results as their own types, in their order, in one query."""
    if not results:
        return []
    order = {page.pk: n for n, page in enumerate(results)}
    pages = specific_pages(
        Page.objects.filter(pk__in=order), {page.specific_class for page in results}
    )
    return sorted(pages, key=lambda page: order[page.pk])


@cache
def _page_type_paths() -> dict[type, str]:
    """For each concrete page type, the `select_related` path from Page to its row."""
    paths = {}
    for model in get_page_models():
        if model is Page or model._meta.proxy:
            continue
        steps, child = [], model
        while child is not Page:
            parent, link = next(
                (parent, link)
                for parent, link in child._meta.parents.items()
                if issubclass(parent, Page)
            )
            steps.insert(0, link.related_query_name())
            child = parent
        paths[model] = "__".join(steps)
    return paths


def _as_specific(row: Page, paths: dict[type, str]) -> Page:
    model = row.specific_class
    if model is None or model not in paths:
        return row.specific
    page = row
    for step in paths[model].split("__"):
        page = getattr(page, step, None)
        if page is None:
            return row.specific
    return page


def record_hit(query: str) -> None:
    """Count the search for the admin's promoted-results and search-terms reports.

    Today's count, once it exists, is raised in one statement.
    """
    raised = QueryDailyHits.objects.filter(
        query__query_string=normalise_query_string(query),
        date=timezone.now().date(),
    ).update(hits=F("hits") + 1)
    if not raised:
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
