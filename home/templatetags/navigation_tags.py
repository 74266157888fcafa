"""Template tags for the header menu, breadcrumbs and language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from home.alternates import versions_for_request
from home.models import SiteSettings

FOOTER_PAGES = ("privacy_page", "accessibility_page", "cookies_page")

register = template.Library()


def _locale_root(request) -> Page | None:
    """The home page in the visitor's language, falling back to the site root."""
    # The menu and the language switcher both ask: look it up once per request.
    if not hasattr(request, "_locale_root"):
        site = Site.find_for_request(request)
        root = site.root_page if site is not None else None
        localized = root.localized if root is not None else None
        request._locale_root = localized if localized and localized.live else root
    return request._locale_root


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context) -> dict:
    """The language's home page and its live in-menu children, marking the current one."""
    request = context["request"]
    root = _locale_root(request)
    current = context.get("page")
    current_path = getattr(current, "path", "")
    children = root.get_children().live().in_menu() if root else Page.objects.none()
    items = [
        {"page": child, "active": current_path.startswith(child.path)}
        for child in children
    ]
    return {"root": root, "items": items, "settings": context.get("settings")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context) -> dict:
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    ancestors = list(page.get_ancestors().filter(depth__gt=1).live())
    return {"ancestors": ancestors, "page": page}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    """Link to this page in each other language, or to that language's home.

    A Django view at a translated address (search) sets `translate_this_url` and
    gets the same view and query string in the other language instead.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    if context.get("translate_this_url"):
        path = request.get_full_path()
        return {
            "links": [
                {"url": translate_url(path, code), "name": name, "code": code}
                for code, name in names.items()
                if code != current
            ]
        }
    links = []
    translations = {}
    if page is not None and getattr(page, "pk", None):
        translations = {
            p.locale.language_code: p
            for p in versions_for_request(page, request)
            if p.pk != page.pk
        }
    site = Site.find_for_request(request)
    for code, name in names.items():
        if code == current:
            continue
        target = translations.get(code)
        if target is None and site is not None:
            locale = Locale.objects.filter(language_code=code).first()
            home = site.root_page.get_translation_or_none(locale) if locale else None
            target = home if home is not None and home.live else None
        if target is not None:
            links.append(
                {
                    "url": target.get_url(request),
                    "name": name,
                    "code": code,
                    "is_page": code in translations,
                }
            )
    return {"links": links}


@register.simple_tag(takes_context=True)
def footer_pages(context) -> dict[str, Page]:
    """The settings' privacy, accessibility and cookies pages as `.localized` gives
    them (the live translation in the active language, else the page), in two queries.
    """
    site_settings = SiteSettings.for_request(context["request"])
    ids = {name: getattr(site_settings, f"{name}_id") for name in FOOTER_PAGES}
    pages = Page.objects.in_bulk([pk for pk in ids.values() if pk])
    if not pages:
        return {}
    language = get_supported_content_language_variant(translation.get_language())
    translated = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=[page.translation_key for page in pages.values()],
            locale__language_code=language,
        )
    }
    return {
        name: translated.get(pages[pk].translation_key, pages[pk])
        for name, pk in ids.items()
        if pk in pages
    }
