"""The home page, generic content pages and what every page shares when linked."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.models.sharing import SharingMixin
from home.routing import KnownRestrictionsMixin


def live_in_active_language(page: Page | None) -> Page | None:
    """The page's live translation in the active language, else the page if live."""
    if page is None:
        return None
    localized = page.localized
    if localized.live:
        return localized
    return page if page.live else None


class HomePage(KnownRestrictionsMixin, SharingMixin, Page):
    """The root of each language's site: the next dates, featured courses, who we are."""

    intro = models.TextField(
        blank=True,
        max_length=500,
        help_text=_("One or two sentences under the page title saying who we are."),
    )
    upcoming_dates_shown = models.PositiveSmallIntegerField(
        default=6,
        validators=[MaxValueValidator(24)],
        verbose_name=_("upcoming dates shown"),
        help_text=_(
            "How many of the next course dates to list, soonest first, across all "
            "courses. 0 hides the list."
        ),
    )
    who_we_are = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        max_length=1500,
        verbose_name=_("who we are"),
        help_text=_("A short paragraph about the centre."),
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("about us page"),
        help_text=_("Linked under “who we are”."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("upcoming_dates_shown"),
        InlinePanel(
            "featured_courses",
            label=_("Featured courses"),
            help_text=_("Courses pinned to the home page, in this order."),
            max_num=6,
        ),
        MultiFieldPanel(
            [FieldPanel("who_we_are"), FieldPanel("about_page")],
            heading=_("Who we are"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("who_we_are"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "home.AccessibilityStatementPage",
        "home.CookiesPage",
        "facilitators.FacilitatorIndexPage",
        "forms_app.EnquiryFormPage",
        "courses.CourseIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    # The router loads these with the page (home.routing).
    route_select_related = ("locale", "about_page__locale")

    def chrome_links(self) -> list[Page]:
        """Pages fetched in the visitor's language with the header's (home.chrome)."""
        return [self.about_page] if self.about_page_id else []

    def get_context(self, request, *args, **kwargs) -> dict:
        from home.chrome import chrome_for  # home.chrome reads these models

        context = super().get_context(request, *args, **kwargs)
        about = self.about_page
        if about is not None:
            about = chrome_for(request, self).in_language(about)
        context["about_page"] = about if about is not None and about.live else None
        return context


class HomePageFeaturedCourse(Orderable):
    """A course an editor pins to the home page."""

    page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_courses"
    )
    # A page link, so home needs nothing from the courses app; the chooser
    # offers course pages only.
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("course", "courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured course")
        verbose_name_plural = _("featured courses")


class ContentPage(KnownRestrictionsMixin, SharingMixin, Page):
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
    search_label = _("Page")

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
