"""The home page, generic content pages and the site-wide settings."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyStreamBlock, LinkBlock


def live_in_active_language(page: Page | None) -> Page | None:
    """The page's live translation in the active language, else the page if live."""
    if page is None:
        return None
    localized = page.localized
    if localized.live:
        return localized
    return page if page.live else None


class HomePage(Page):
    """The root of each language's site: an introduction and featured content."""

    intro = models.TextField(
        blank=True,
        max_length=500,
        help_text=_("One or two sentences under the page title saying who we are."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "facilitators.FacilitatorIndexPage",
        "forms_app.EnquiryFormPage",
        "courses.CourseIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class ContentPage(Page):
    """A general page of text and media, such as About us or Privacy."""

    intro = models.TextField(
        blank=True,
        max_length=500,
        help_text=_("A short summary shown under the title and in search results."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


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
        FieldPanel("privacy_page"),
        FieldPanel("enquiry_page"),
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
