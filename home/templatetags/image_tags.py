"""`{% responsive_picture %}`: Wagtail's <picture> with the specs from home.renditions."""

from django import template
from django.utils.safestring import SafeString
from wagtail.images.models import AbstractImage, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from home.renditions import SPECS, filters

register = template.Library()


@register.simple_tag
def responsive_picture(
    image: AbstractImage | None, use: str, **attrs: str
) -> SafeString | str:
    """AVIF, WebP and JPEG at the sizes `use` names, with width, height and `sizes`."""
    if not image:
        return ""
    renditions = get_renditions_or_not_found(image, filters(use))
    attrs = {"sizes": SPECS[use][1], **attrs}
    if attrs.get("loading") == "lazy":
        attrs.setdefault("decoding", "async")
    # Wagtail escapes the attributes and marks its markup safe itself.
    return Picture(renditions, attrs).__html__()
