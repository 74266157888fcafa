"""Template tags for the home page."""

from django import template
from django.utils.safestring import SafeString
from wagtail.models import Site

from home.models import SiteSettings
from home.structured_data import json_ld_script, organisation_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_json_ld_script(context) -> SafeString | str:
    """The organisation's JSON-LD for the site the request is for."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return ""
    return json_ld_script(organisation_json_ld(SiteSettings.for_request(request), site))
