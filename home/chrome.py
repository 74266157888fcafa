"""The pages around every page: menu, breadcrumbs, footer links and languages.

The header and footer each used to ask for their own pages: the menu, the
breadcrumbs, the footer's statement pages and their translations, the page's
other languages and the home page in each language. `chrome_for` asks once, in
one query, and each template tag takes its part. The answers are what the tags
gave before: live pages only (a footer page the settings name is shown in the
visitor's language when that translation is live, else as it is).
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import HttpRequest
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from home.alternates import language_order
from home.models import SiteSettings
from home.routing import home_or_root

FOOTER_PAGES = ("privacy_page", "accessibility_page", "cookies_page")


@dataclass
class Chrome:
    menu: list[Page] = field(default_factory=list)
    # The page's live ancestors below the tree root, top first.
    ancestors: list[Page] = field(default_factory=list)
    footer: dict[str, Page] = field(default_factory=dict)
    # The live home page in each language, by language code.
    homes: dict[str, Page] = field(default_factory=dict)
    # The page's live versions in the site's language order (itself included).
    versions: list[Page] = field(default_factory=list)
    language: str = ""
    # Live pages in the visitor's language that the page asked for, by translation key.
    translations: dict = field(default_factory=dict)

    def in_language(self, page: Page) -> Page:
        """`page.localized` for a page named in the page's `chrome_links()`."""
        if page.locale.language_code == self.language:
            return page
        return self.translations.get(page.translation_key, page)


def locale_root(request: HttpRequest) -> Page | None:
    """The home page in the visitor's language, falling back to the site root.

    Pages routed by `home.routing` already know it; other views look it up once.
    """
    if not hasattr(request, "_locale_root"):
        site = Site.find_for_request(request)
        root = site.root_page if site is not None else None
        if root is not None:
            # As `root.localized` (live, else the root itself), in one query.
            language = get_supported_content_language_variant(
                translation.get_language()
            )
            localized = Page.objects.filter(
                translation_key=root.translation_key,
                locale__language_code=language,
                live=True,
            ).first()
            root = home_or_root(localized, root)
        request._locale_root = root
    return request._locale_root


def _ancestor_paths(page: Page) -> list[str]:
    step = Page.steplen
    return [page.path[:end] for end in range(2 * step, len(page.path), step)]


def chrome_for(request: HttpRequest, page: Page | None) -> Chrome:
    """The surrounding pages for `page` (or for a view without one), once per request."""
    if not isinstance(page, Page):
        page = None
    key = getattr(page, "pk", None)
    cached = getattr(request, "_chrome", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    chrome = _load(request, page if key is not None else None)
    request._chrome = (key, chrome)
    return chrome


def _load(request: HttpRequest, page: Page | None) -> Chrome:
    root = locale_root(request)
    site = Site.find_for_request(request)
    language = get_supported_content_language_variant(translation.get_language())
    site_settings = SiteSettings.for_request(request)
    footer_ids = {
        name: pk
        for name in FOOTER_PAGES
        if (pk := getattr(site_settings, f"{name}_id")) is not None
    }
    wanted = Q(pk__in=footer_ids.values()) | Q(
        live=True,
        locale__language_code=language,
        translation_key__in=Page.objects.filter(pk__in=footer_ids.values()).values(
            "translation_key"
        ),
    )
    if root is not None:
        wanted |= Q(
            live=True,
            show_in_menus=True,
            depth=root.depth + 1,
            path__startswith=root.path,
        )
    if site is not None:
        wanted |= Q(live=True, translation_key=site.root_page.translation_key)
    linked = []
    if page is not None:
        linked = [p.translation_key for p in getattr(page, "chrome_links", list)()]
        if linked:
            wanted |= Q(
                live=True, locale__language_code=language, translation_key__in=linked
            )
        wanted |= Q(live=True, translation_key=page.translation_key)
        ancestors = _ancestor_paths(page)
        if ancestors:
            wanted |= Q(live=True, path__in=ancestors)
    rows = list(Page.objects.filter(wanted).select_related("locale").order_by("path"))
    return _sort(rows, request, page, root, site, language, footer_ids, linked)


def _sort(rows, request, page, root, site, language, footer_ids, linked) -> Chrome:
    chrome = Chrome(language=language)
    by_pk = {row.pk: row for row in rows}
    ancestors = set(_ancestor_paths(page)) if page is not None else set()
    originals = {name: by_pk[pk] for name, pk in footer_ids.items() if pk in by_pk}
    translated = {
        row.translation_key: row
        for row in rows
        if row.live and row.locale.language_code == language
    }
    chrome.footer = {
        name: translated.get(original.translation_key, original)
        for name, original in originals.items()
    }
    chrome.translations = {key: row for key, row in translated.items() if key in linked}
    for row in rows:
        if not row.live:
            continue
        if row.path in ancestors:
            chrome.ancestors.append(row)
        if (
            root is not None
            and row.show_in_menus
            and row.depth == root.depth + 1
            and row.path.startswith(root.path)
        ):
            chrome.menu.append(row)
        if site is not None and row.translation_key == site.root_page.translation_key:
            chrome.homes[row.locale.language_code] = row
        if page is not None and row.translation_key == page.translation_key:
            chrome.versions.append(row)
    chrome.versions.sort(key=language_order)
    if page is not None:
        # The head's hreflang links ask `versions_for_request` for the same pages.
        if getattr(request, "_live_versions", None) is None:
            request._live_versions = {}
        request._live_versions[page.translation_key] = chrome.versions
    return chrome
