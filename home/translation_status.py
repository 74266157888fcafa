"""Whether a translated page is stale: its source page was published after the
translation's strings were last synced from it."""

from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail_localize.models import Translation

# The annotation `with_stale_source` adds to each page.
STALE_SOURCE = "stale_translation_source_id"


def stale_source_id() -> Subquery:
    """For a Page queryset: the id of the TranslationSource the page is a synced
    translation of, when its source page was published after the last sync; else null."""
    source_published_at = Page.objects.filter(
        translation_key=OuterRef("source__object_id"),
        locale_id=OuterRef("source__locale_id"),
    ).values("last_published_at")[:1]
    return Subquery(
        Translation.objects.filter(
            enabled=True,
            source__object_id=OuterRef("translation_key"),
            target_locale_id=OuterRef("locale_id"),
        )
        .annotate(source_published_at=Subquery(source_published_at))
        .filter(source_published_at__gt=F("source__last_updated_at"))
        .values("source_id")[:1]
    )


def with_stale_source(pages: PageQuerySet) -> PageQuerySet:
    """The pages, each carrying `stale_translation_source_id`, in the same query."""
    return pages.annotate(**{STALE_SOURCE: stale_source_id()})


def stale_source_of(page: Page) -> int | None:
    """The id of the TranslationSource a page lags behind, or None if it is current."""
    if hasattr(page, STALE_SOURCE):
        return getattr(page, STALE_SOURCE)
    return (
        with_stale_source(Page.objects.filter(pk=page.pk))
        .values_list(STALE_SOURCE, flat=True)
        .first()
    )


def update_url(source_id: int, next_url: str | None = None) -> str:
    """wagtail-localize's 'Sync translated pages' view for that source."""
    url = reverse("wagtail_localize:update_translations", args=[source_id])
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return url
