"""The image sizes each template shows, in one place, and making them ahead of time.

Templates render images only through `{% responsive_picture image "<use>" %}`
(`home/templatetags/image_tags.py`), which reads the specs below; uploads and
publishes generate the same specs in a task, so a visitor's request finds every
rendition already made.
"""

from collections.abc import Iterable
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, Filter
from wagtail.models import Page, ReferenceIndex

FORMATS = "format-{avif,webp,jpeg}"

# use -> (sizes spec, the `sizes` attribute matching static/css/site.css)
SPECS: dict[str, tuple[str, str]] = {
    # .facilitator-profile__header img: 10rem on a phone, 320px beside the text.
    "facilitator_photo": (
        f"{FORMATS} fill-{{320x400,640x800}}",
        "(max-width: 40rem) 10rem, 320px",
    ),
    # .facilitator-card img (facilitator index and course page): a 160px circle.
    "facilitator_card": (f"{FORMATS} fill-{{160x160,320x320}}", "160px"),
    # The social image in meta tags (home/templatetags/seo_tags.py), no <img>.
    "sharing_image": ("fill-1200x630", ""),
    # Image blocks in body StreamFields: the text column, at most 60rem.
    "body_image": (
        f"{FORMATS} width-{{480,800,1200}}",
        "(max-width: 60rem) 100vw, 60rem",
    ),
}


def filter_specs(use: str) -> list[str]:
    """The expanded filter specs (one per format and size) for one use."""
    return Filter.expand_spec(SPECS[use][0])


@cache
def filters(use: str) -> tuple[Filter, ...]:
    """The same as parsed Filters, made once per process: parsing the specs cost
    more than finding the prefetched renditions they name."""
    return tuple(Filter(spec=spec) for spec in filter_specs(use))


def renditions_prefetch(image_lookup: str, use: str) -> Prefetch:
    """Prefetch one use's renditions of the image at `image_lookup`, which the
    queryset loads with `select_related`: one query for the renditions of all."""
    renditions = get_image_model().get_rendition_model().objects
    return Prefetch(
        f"{image_lookup}__renditions" if image_lookup else "renditions",
        queryset=renditions.filter(filter_spec__in=filter_specs(use)),
        to_attr="prefetched_renditions",
    )


def rendition_prefetch(use: str) -> Prefetch:
    """Prefetch one use's renditions on images already loaded."""
    return renditions_prefetch("", use)


def all_filter_specs() -> list[str]:
    """Every filter spec any template uses, without repeats."""
    return list(dict.fromkeys(spec for use in SPECS for spec in filter_specs(use)))


def generate_renditions(image: AbstractImage) -> int:
    """Make every rendition the templates may show of one image; how many were new."""
    before = image.renditions.count()
    image.get_renditions(*all_filter_specs())
    return image.renditions.count() - before


def _referenced_ids(obj, content_type_ids: set[int]) -> Iterable[tuple[int, str]]:
    for ct_id, object_id, *_ in ReferenceIndex._extract_references_from_object(obj):
        if ct_id in content_type_ids:
            yield ct_id, object_id


def images_shown_by(page: Page) -> list[AbstractImage]:
    """Images a page references, and those of the pages it references (its facilitators)."""
    image_model = get_image_model()
    image_ct = ContentType.objects.get_for_model(image_model).pk
    page_ct = ContentType.objects.get_for_model(Page).pk
    image_ids: set[str] = set()
    page_ids: set[str] = set()
    for ct_id, object_id in _referenced_ids(page.specific, {image_ct, page_ct}):
        (image_ids if ct_id == image_ct else page_ids).add(object_id)
    for linked in Page.objects.filter(pk__in=page_ids).specific():
        image_ids.update(oid for _, oid in _referenced_ids(linked, {image_ct}))
    return list(image_model.objects.filter(pk__in=image_ids))
