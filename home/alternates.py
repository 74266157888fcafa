"""A page's live versions in each language, as hreflang alternates."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import to_locale
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

X_DEFAULT = "x-default"


@dataclass(frozen=True)
class Alternate:
    """One language version of a page: its BCP 47 tag, Open Graph locale and URL."""

    hreflang: str
    og_locale: str
    url: str


def hreflang(language_code: str) -> str:
    """Django's `en-gb` as BCP 47 `en-GB`; `cy` stays `cy`."""
    return to_locale(language_code).replace("_", "-")


def og_locale(language_code: str) -> str:
    """Open Graph wants language_TERRITORY: `en_GB`, and `cy_GB` for Welsh."""
    name = to_locale(language_code)
    return name if "_" in name else f"{name}_GB"


def default_language() -> str:
    """The content language English pages are stored in, as Wagtail names it."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def language_order(page: Page) -> int:
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    code = page.locale.language_code
    return codes.index(code) if code in codes else len(codes)


def live_versions(
    keys: Iterable[UUID], public_only: bool = False
) -> dict[UUID, list[Page]]:
    """Every live page sharing each translation key, in the site's language order.

    One query for any number of keys (two with `public_only`).
    """
    pages = Page.objects.filter(translation_key__in=set(keys)).live()
    if public_only:
        pages = pages.public()
    grouped: dict[UUID, list[Page]] = defaultdict(list)
    for page in pages.select_related("locale"):
        grouped[page.translation_key].append(page)
    return {key: sorted(group, key=language_order) for key, group in grouped.items()}


def alternates(versions: list[Page], request: HttpRequest | None) -> list[Alternate]:
    """Each version's alternate, then x-default for the English version if it exists."""
    result = [
        Alternate(
            hreflang(page.locale.language_code),
            og_locale(page.locale.language_code),
            page.get_full_url(request),
        )
        for page in versions
    ]
    default = default_language()
    for page, alternate in zip(versions, result, strict=True):
        if page.locale.language_code == default:
            result.append(Alternate(X_DEFAULT, alternate.og_locale, alternate.url))
            break
    return result


def versions_for_request(page: Page, request: HttpRequest | None) -> list[Page]:
    """The page's live versions, looked up once per request for the head and header."""
    cache = getattr(request, "_live_versions", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._live_versions = cache
    key = page.translation_key
    if key not in cache:
        cache[key] = live_versions([key]).get(key, [])
    return cache[key]


def in_locale(page: Page, locale_id: int) -> Page:
    """The page's live translation in a locale, else the page: what `.localized`
    gives when that locale is the active one, without looking the locale up."""
    if page.locale_id == locale_id:
        return page
    translation = page.get_translation_or_none(locale_id)
    return translation if translation is not None and translation.live else page
