"""Background work of the home app: renditions made ahead of a visitor's request."""

from django_tasks import task
from wagtail.images import get_image_model
from wagtail.models import Page

from home.renditions import generate_renditions, images_shown_by


@task(backend="queue")
def generate_image_renditions(image_id: int) -> None:
    """Make every rendition the templates use of one image (after an upload or edit)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        generate_renditions(image)


@task(backend="queue")
def generate_page_renditions(page_id: int) -> None:
    """Make every rendition of the images a published page shows."""
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        for image in images_shown_by(page):
            generate_renditions(image)
