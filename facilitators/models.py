"""Facilitator profiles: a page per facilitator under one index page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from facilitators.permissions import PHOTO_PERMISSION, FacilitatorPagePermissionTester
from home.blocks import LinkBlock
from home.models import SharingMixin
from home.routing import KnownRestrictionsMixin

# Paragraphs are always allowed; beyond them a bio has only links and lists.
BIO_FEATURES = ["link", "ol", "ul"]


class FacilitatorIndexPage(KnownRestrictionsMixin, SharingMixin, Page):
    """Lists every facilitator; their profiles are its children."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    search_label = _("Facilitator list")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["facilitators.FacilitatorPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("facilitator index page")
        verbose_name_plural = _("facilitator index pages")

    def permissions_for_user(self, user):
        return FacilitatorPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["facilitators"] = (
            FacilitatorPage.objects.child_of(self)
            .live()
            .public()
            .select_related("photo")
            .order_by("title")
        )
        return context


class FacilitatorPage(KnownRestrictionsMixin, SharingMixin, Page):
    """One facilitator's profile: the page title is their name."""

    role = models.CharField(
        max_length=150,
        help_text=_("Job title or role, e.g. Clinical psychologist."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A head-and-shoulders photo; set the focal point on the face."),
    )
    bio = RichTextField(features=BIO_FEATURES, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    professional_registration = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("For example HCPC PYL012345, or NMC PIN."),
    )
    links = StreamField([("link", LinkBlock())], blank=True, use_json_field=True)
    # A foreign key, not one-to-one: a profile's translations share its login.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitator_profiles",
        help_text=_("The login that may edit this profile."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("role"),
        FieldPanel("pronouns"),
        # Photos are published at once, outside approval: staff choose them.
        FieldPanel("photo", permission=PHOTO_PERMISSION),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("professional_registration"), FieldPanel("links")],
            heading=_("Credentials and links"),
        ),
        FieldPanel("user", read_only=True, heading=_("Login")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("role"),
        index.SearchField("bio"),
    ]

    override_translatable_fields = [
        SynchronizedField("title"),
        SynchronizedField("slug"),
        SynchronizedField("photo"),
        SynchronizedField("professional_registration"),
        SynchronizedField("user"),
    ]

    parent_page_types = ["facilitators.FacilitatorIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
        permissions = [
            ("invite_facilitator", "Can invite a facilitator to edit their profile"),
            ("choose_facilitator_photo", "Can choose a facilitator's photo"),
        ]

    def save(self, *args, **kwargs):
        # The linked login owns the page: Wagtail's ownership rules then apply.
        if self.user_id is not None:
            self.owner_id = self.user_id
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        # The login link belongs to the page, not to a revision's content.
        page = super().with_content_json(content)
        page.user_id = self.user_id
        return page

    def permissions_for_user(self, user):
        return FacilitatorPagePermissionTester(user, self)

    def courses_led(self) -> list[Page]:
        """Live courses in this profile's language that list this person, in one query.

        Matched on translation_key, as a translated course may still link to the
        facilitator's page in the source language.
        """
        linked = FacilitatorPage.objects.filter(
            translation_key=self.translation_key
        ).values("course_links__course")
        return list(
            Page.objects.live()
            .public()
            .filter(locale_id=self.locale_id, pk__in=linked)
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = self.courses_led()
        return context
