"""The accessibility statement in the UK public-sector model's form, and the cookies page.

The statement's headings and fixed sentences live in its template, in the
model's order; editors fill in only the facts, so the form cannot drift.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyStreamBlock
from home.cookies import site_cookies
from home.models.sharing import SharingMixin
from home.routing import KnownRestrictionsMixin

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("Fully compliant")
    PARTIAL = "partial", _("Partially compliant")
    NOT = "not", _("Not compliant")


class EnforcementBody(models.TextChoices):
    # The regulator depends on where the organisation is based.
    GREAT_BRITAIN = "ehrc", _("Equality and Human Rights Commission (Great Britain)")
    NORTHERN_IRELAND = "ecni", _("Equality Commission for Northern Ireland")


class NonComplianceBlock(blocks.StructBlock):
    problem = blocks.TextBlock(
        label=_("what does not work"),
        help_text=_("Say what a person cannot do, in plain words."),
    )
    criteria = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("WCAG success criteria"),
        help_text=_("For example 1.3.1 Info and relationships."),
    )
    plan = blocks.TextBlock(
        required=False, label=_("what we will do"), help_text=_("And by when.")
    )
    fix_by = blocks.DateBlock(required=False, label=_("fixed by"))

    class Meta:
        icon = "warning"
        label = _("problem")


class BurdenBlock(blocks.StructBlock):
    problem = blocks.TextBlock(label=_("what does not work"))
    reason = blocks.TextBlock(
        label=_("why fixing it now is a disproportionate burden"),
        help_text=_("The assessment's conclusion: cost, benefit and who is affected."),
    )
    reassess_on = blocks.DateBlock(required=False, label=_("to be reassessed on"))

    class Meta:
        icon = "time"
        label = _("disproportionate burden")


class OutOfScopeBlock(blocks.StructBlock):
    content = blocks.TextBlock(label=_("content"))
    reason = blocks.TextBlock(
        label=_("why the regulations do not cover it"),
        help_text=_("For example: third-party content we do not fund or control."),
    )

    class Meta:
        icon = "info-circle"
        label = _("out of scope")


class AccessibilityStatementPage(KnownRestrictionsMixin, SharingMixin, Page):
    """The site's accessibility statement, rendered in the model statement's order."""

    scope = models.TextField(
        max_length=500,
        verbose_name=_("what the statement covers"),
        help_text=_("The website's address and any parts it does not cover."),
    )
    using_the_site = RichTextField(
        features=TEXT_FEATURES,
        verbose_name=_("using this website"),
        help_text=_(
            "What people should be able to do: zoom, navigate by keyboard, "
            "use a screen reader."
        ),
    )
    known_limitations = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        verbose_name=_("how accessible this website is"),
        help_text=_("A short list of the parts that are not fully accessible."),
    )
    alternative_formats = RichTextField(
        features=TEXT_FEATURES,
        verbose_name=_("asking for another format"),
        help_text=_("How to ask for information in large print, easy read, audio."),
    )
    contact_email = models.EmailField(verbose_name=_("accessibility contact email"))
    contact_telephone = models.CharField(max_length=40, blank=True)
    response_days = models.PositiveSmallIntegerField(
        default=5,
        verbose_name=_("working days to reply"),
    )
    visiting = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        verbose_name=_("contacting us by phone or in person"),
        help_text=_(
            "Text relay, British Sign Language, induction loops, step-free access."
        ),
    )
    enforcement_body = models.CharField(
        max_length=4,
        choices=EnforcementBody.choices,
        default=EnforcementBody.GREAT_BRITAIN,
        verbose_name=_("enforcement procedure"),
    )
    compliance_status = models.CharField(
        max_length=8,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
        help_text=_("Against the Web Content Accessibility Guidelines version 2.2 AA."),
    )
    non_compliance = StreamField(
        [("problem", NonComplianceBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("non-compliance with the accessibility regulations"),
    )
    disproportionate_burden = StreamField(
        [("burden", BurdenBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("disproportionate burden"),
    )
    out_of_scope = StreamField(
        [("content", OutOfScopeBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("content not within the scope of the regulations"),
    )
    improvement_plan = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        verbose_name=_("what we are doing to improve accessibility"),
    )
    test_method = RichTextField(
        features=TEXT_FEATURES,
        verbose_name=_("how the website was tested"),
        help_text=_("Who tested it, which pages, with which tools and by hand."),
    )
    prepared_on = models.DateField(verbose_name=_("statement prepared on"))
    tested_on = models.DateField(verbose_name=_("website last tested on"))
    reviewed_on = models.DateField(
        null=True, blank=True, verbose_name=_("statement last reviewed on")
    )

    content_panels = Page.content_panels + [
        FieldPanel("scope"),
        MultiFieldPanel(
            [FieldPanel("using_the_site"), FieldPanel("known_limitations")],
            heading=_("Using this website"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("alternative_formats"),
                FieldRowPanel(
                    [FieldPanel("contact_email"), FieldPanel("contact_telephone")]
                ),
                FieldPanel("response_days"),
                FieldPanel("visiting"),
                FieldPanel("enforcement_body"),
            ],
            heading=_("Feedback and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("non_compliance"),
                FieldPanel("disproportionate_burden"),
                FieldPanel("out_of_scope"),
                FieldPanel("improvement_plan"),
            ],
            heading=_("Technical information"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("test_method"),
                FieldRowPanel(
                    [
                        FieldPanel("prepared_on"),
                        FieldPanel("tested_on"),
                        FieldPanel("reviewed_on"),
                    ]
                ),
            ],
            heading=_("Preparation of this statement"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("scope"),
        index.SearchField("known_limitations"),
        index.SearchField("alternative_formats"),
    ]
    override_translatable_fields = [
        SynchronizedField("contact_email"),
        SynchronizedField("contact_telephone"),
        SynchronizedField("response_days"),
        SynchronizedField("enforcement_body"),
        SynchronizedField("compliance_status"),
        SynchronizedField("prepared_on"),
        SynchronizedField("tested_on"),
        SynchronizedField("reviewed_on"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")


class CookiesPage(KnownRestrictionsMixin, SharingMixin, Page):
    """The cookie notice: the editor's words, then the table the code generates."""

    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    search_label = _("Cookies")

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cookies"] = site_cookies()
        return context

    class Meta:
        verbose_name = _("cookies page")
        verbose_name_plural = _("cookies pages")
