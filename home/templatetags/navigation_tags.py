"""Template tags for the header menu, breadcrumbs and language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from home.chrome import chrome_for, locale_root

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context) -> dict:
    """The language's home page and its live in-menu children, marking the current one."""
    request = context["request"]
    root = locale_root(request)
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = [
        {"page": child, "active": current_path.startswith(child.path)}
        for child in chrome_for(request, current).menu
    ]
    return {"root": root, "items": items, "settings": context.get("settings")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context) -> dict:
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": chrome_for(context["request"], page).ancestors, "page": page}


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
    chrome = chrome_for(request, page)
    translations = {}
    if page is not None and getattr(page, "pk", None):
        translations = {
            p.locale.language_code: p for p in chrome.versions if p.pk != page.pk
        }
    for code, name in names.items():
        if code == current:
            continue
        target = translations.get(code) or chrome.homes.get(code)
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
    """The settings' privacy, accessibility and cookies pages in the visitor's language."""
    return chrome_for(context["request"], context.get("page")).footer
