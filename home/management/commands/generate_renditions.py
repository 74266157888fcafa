"""Make every rendition the templates use of every image (a deploy step)."""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from home.renditions import generate_renditions


class Command(BaseCommand):
    help = (
        "Make every rendition the site's templates show, for every image, so no "
        "visitor's request makes one. Run after deploying a change to "
        "home/renditions.py; already made renditions are kept."
    )

    def handle(self, *args, **options) -> None:
        images = get_image_model().objects.order_by("pk")
        made = 0
        for image in images.iterator():
            made += generate_renditions(image)
        self.stdout.write(f"{images.count()} images, {made} renditions made.")
