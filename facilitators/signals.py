"""Signal handlers: every new facilitator index gets its groups' rights and workflow."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from facilitators.models import FacilitatorIndexPage
from facilitators.permissions import grant_index_access


@receiver(
    post_save,
    sender=FacilitatorIndexPage,
    dispatch_uid="facilitators.grant_index_access",
)
def on_index_saved(sender, instance: FacilitatorIndexPage, created: bool, **kwargs):
    """Grant access when an index page is first created, however it is created."""
    if created and not kwargs.get("raw"):
        grant_index_access(instance)
