"""What every public page type shares when its link is posted in a chat or feed."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class SharingMixin(models.Model):
    """Every public page type: the picture shown when its link is shared."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sharing image"),
        help_text=_(
            "Shown when a link to this page is shared in a chat or on social media. "
            "1200 by 630 pixels works best. Empty uses the site's default image."
        ),
    )

    promote_panels = Page.promote_panels + [FieldPanel("social_image")]

    class Meta:
        abstract = True
