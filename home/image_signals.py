"""Queue renditions when an image is saved or a page is published (never in the request)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published

from home.tasks import generate_image_renditions, generate_page_renditions


@receiver(post_save, sender=get_image_model(), dispatch_uid="home.image_renditions")
def on_image_saved(sender, instance, **kwargs) -> None:
    image_id = instance.pk
    transaction.on_commit(lambda: generate_image_renditions.enqueue(image_id))


@receiver(page_published, dispatch_uid="home.page_renditions")
def on_page_published(sender, instance: Page, **kwargs) -> None:
    page_id = instance.pk
    transaction.on_commit(lambda: generate_page_renditions.enqueue(page_id))
