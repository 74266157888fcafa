"""schema.org JSON-LD for the organisation, and the safe <script> element for any."""

import json
import re

from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from home.models import SiteSettings

# Characters that could end the <script> element or confuse an HTML parser.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", re.IGNORECASE)


def json_ld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element safe against injection."""
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # nosec B308, B703 # SCRIPT_ESCAPES escapes all that could end the element


def postal_address(address: str, organisation_name: str) -> dict | None:
    """The settings' address lines as a PostalAddress: street, town, postcode."""
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    if lines and lines[0] == organisation_name.strip():
        lines = lines[1:]
    if not lines:
        return None
    data = {"@type": "PostalAddress", "addressCountry": "GB"}
    if UK_POSTCODE.match(lines[-1]):
        data["postalCode"] = lines.pop().upper()
    if len(lines) > 1:
        data["addressLocality"] = lines.pop()
    if lines:
        data["streetAddress"] = ", ".join(lines)
    return data


def absolute(url: str, site: Site) -> str:
    return url if url.startswith(("http://", "https://")) else site.root_url + url


def organisation_json_ld(settings: SiteSettings, site: Site) -> dict:
    """The centre as a schema.org EducationalOrganization, from the site settings."""
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOrganization",
        "name": settings.organisation_name,
        "url": site.root_url + "/",
    }
    if settings.logo_id:
        data["logo"] = absolute(settings.logo.file.url, site)
    if settings.contact_email:
        data["email"] = settings.contact_email
    if settings.telephone:
        data["telephone"] = settings.telephone
    address = postal_address(settings.address, settings.organisation_name)
    if address:
        data["address"] = address
    links = [block.value["url"] for block in settings.social_links]
    if links:
        data["sameAs"] = links
    return data
