"""Keep a page's child count true after a publish saves a stale copy of the page."""

from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published


def recount_children(page: Page) -> bool:
    """Set the stored numchild to the real number of children; True if it was wrong."""
    children = (
        Page.objects.filter(
            path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
        )
        .order_by()
        .values("depth")
        .annotate(count=Count("pk"))
        .values("count")
    )
    real = Coalesce(Subquery(children), Value(0))
    wrong = Page.objects.filter(pk=page.pk).alias(real=real).exclude(numchild=real)
    return wrong.update(numchild=real) > 0


@receiver(page_published, dispatch_uid="home.recount_children")
def on_page_published(sender, instance: Page, **kwargs) -> None:
    # wagtail-localize publishes a translation on commit from the page object it
    # loaded before translating the subtree, so that save writes numchild=0.
    if recount_children(instance):
        instance.numchild = Page.objects.values_list("numchild", flat=True).get(
            pk=instance.pk
        )
