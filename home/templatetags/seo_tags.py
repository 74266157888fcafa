"""The canonical link, language alternates and sharing tags in every page's head."""

import re
from html import unescape

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.context import Context
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import translate_url
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page

from home.alternates import (
    X_DEFAULT,
    Alternate,
    alternates,
    default_language,
    hreflang,
    og_locale,
    versions_for_request,
)
from home.chrome import chrome_for
from home.models import SiteSettings
from home.renditions import filter_specs

register = template.Library()

SHARING_RENDITION = filter_specs("sharing_image")[0]
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def _block_text(context: Context, name: str) -> str:
    """What the most specific template puts in a block of base.html, rendered."""
    blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
    node = blocks.get_block(name) if blocks is not None else None
    return node.render(context) if node is not None else ""


def page_description(context: Context) -> str:
    """The meta description base.html (or the template extending it) gives the page."""
    found = DESCRIPTION.search(_block_text(context, "meta_description"))
    return unescape(found.group(1)) if found else ""


def _view_alternates(request: HttpRequest) -> list[Alternate]:
    """A Django view under the language prefix, in every language of the site."""
    result = []
    for code, _name in settings.LANGUAGES:
        url = request.build_absolute_uri(translate_url(request.path, code))
        result.append(Alternate(hreflang(code), og_locale(code), url))
    default = hreflang(default_language())
    result += [
        Alternate(X_DEFAULT, a.og_locale, a.url)
        for a in result
        if a.hreflang == default
    ]
    return result


def _sharing_image(page: Page | None, site_settings: SiteSettings, request) -> dict:
    image = getattr(page, "social_image", None) or site_settings.default_social_image
    if image is None:
        return {}
    rendition = image.get_rendition(SHARING_RENDITION)
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def page_meta_context(context: Context) -> dict:
    """Canonical, hreflang, Open Graph and Twitter values for the page being rendered."""
    request = context.get("request")
    if request is None:
        return {}
    site_settings = SiteSettings.for_request(request)
    page = context.get("page")
    if not isinstance(page, Page) or page.pk is None:
        page = None
    # Neither an error nor an editor's preview is an address to name or index.
    error_page = bool(
        context.get("is_error_page") or getattr(request, "is_preview", False)
    )
    if page is not None:
        links = []
        if page.live and not error_page:
            chrome_for(
                request, page
            )  # the header's pages, this page's versions among them
            links = alternates(versions_for_request(page, request), request)
        canonical = page.get_full_url(request)
        title = page.seo_title or page.title
        language = page.locale.language_code
    else:
        links = [] if error_page else _view_alternates(request)
        canonical = request.build_absolute_uri(request.path)
        rendered = strip_tags(_block_text(context, "title"))
        title = unescape(" ".join(rendered.split()))
        language = translation.get_language()
    current = og_locale(language)
    return {
        "canonical": "" if error_page else canonical,
        "alternates": links,
        "og_locale": current,
        "og_locale_alternates": sorted(
            {a.og_locale for a in links if a.hreflang != X_DEFAULT} - {current}
        ),
        "site_name": site_settings.organisation_name,
        "title": title,
        "description": page_description(context),
        "image": _sharing_image(page, site_settings, request),
    }


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context: Context) -> dict:
    return page_meta_context(context)
