"""Site-wide settings: the organisation, footer, sharing defaults and analytics."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from home.blocks import LinkBlock
from home.models.pages import live_in_active_language


def validate_https_url(value: str) -> None:
    if value and not value.startswith("https://"):
        raise ValidationError(_("Use an address starting with https://."))


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Organisation details shown in the footer and used in emails."""

    organisation_name = models.CharField(max_length=120, default="CPD Centre")
    contact_email = models.EmailField(
        blank=True, help_text=_("The public address visitors can write to.")
    )
    telephone = models.CharField(max_length=40, blank=True)
    address = models.TextField(
        blank=True, max_length=400, help_text=_("Postal address, one line per row.")
    )
    social_links = StreamField([("link", LinkBlock())], blank=True, use_json_field=True)
    footer_text = RichTextField(
        blank=True, features=["bold", "italic", "link"], max_length=1000
    )
    # Settings are not translatable with wagtail-localize, so Welsh has its own field.
    footer_text_cy = RichTextField(
        _("footer text in Welsh"),
        blank=True,
        features=["bold", "italic", "link"],
        max_length=1000,
        help_text=_("Shown on Welsh pages; empty shows the English footer text."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The privacy notice that every form links to."),
    )
    enquiry_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("default enquiry page"),
        help_text=_(
            "Where “Register interest” links go for a course with no dates and no "
            "form of its own, usually the enquiry form. Left empty, they open an "
            "email to the contact address."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Printed on certificates. A PNG or JPEG works best."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
        help_text=_("Linked from the footer of every page."),
    )
    cookies_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cookies page"),
        help_text=_("Linked from the footer of every page."),
    )
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("default sharing image"),
        help_text=_(
            "Shown when a page without its own sharing image is linked in a chat "
            "or on social media. 1200 by 630 pixels works best."
        ),
    )
    analytics_script_url = models.URLField(
        blank=True,
        max_length=300,
        validators=[validate_https_url],
        verbose_name=_("analytics script address"),
        help_text=_(
            "Optional. The script of a privacy-respecting analytics service that "
            "sets no cookies. Empty (the default) adds no analytics at all."
        ),
    )
    operations_email = models.EmailField(
        blank=True,
        help_text=_(
            "Staff address told when an email to an applicant or facilitator fails."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("contact_email"),
                FieldPanel("telephone"),
                FieldPanel("address"),
                FieldPanel("logo"),
            ],
            heading=_("Organisation"),
        ),
        FieldPanel("social_links"),
        FieldPanel("footer_text"),
        FieldPanel("footer_text_cy"),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("cookies_page"),
                FieldPanel("enquiry_page"),
            ],
            heading=_("Pages"),
        ),
        MultiFieldPanel(
            [FieldPanel("default_social_image"), FieldPanel("analytics_script_url")],
            heading=_("Sharing and analytics"),
        ),
        FieldPanel("operations_email"),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def interest_url(self) -> str:
        """Where to register interest in a course without a form: enquiry page or email."""
        page = live_in_active_language(self.enquiry_page)
        if page is not None:
            return page.url or ""
        return f"mailto:{self.contact_email}" if self.contact_email else ""

    @property
    def localised_footer_text(self) -> str:
        """The footer text in the active language, falling back to English."""
        if translation.get_language() == "cy" and self.footer_text_cy:
            return self.footer_text_cy
        return self.footer_text
