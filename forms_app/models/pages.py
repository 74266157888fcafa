"""Form pages built with Wagtail's form builder, their fields and routing rules."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from forms_app.addresses import validate_address_list
from forms_app.forms import (
    RESERVED_FIELD_NAMES,
    SINGLE_CHOICE_TYPES,
    STRUCTURED_FIELD_NAMES,
    BoundedFormBuilder,
)
from forms_app.models.submissions import Submission
from forms_app.panels import ROUTING_PERMISSION, RoutingInlinePanel, RoutingPageForm
from forms_app.routing import answer_rule_recipients, team_recipients
from home.models import SharingMixin
from home.routing import KnownRestrictionsMixin


class BaseFormField(TranslatableMixin, AbstractFormField):
    """One editor-defined question; its key and type are shared by every translation."""

    choices = models.TextField(
        verbose_name=_("choices"),
        blank=True,
        max_length=4000,
        help_text=_(
            "One choice per line, for drop-downs, radio buttons and checkboxes. "
            "Translations must keep the same order."
        ),
    )

    panels = AbstractFormField.panels + [
        FieldPanel(
            "clean_name",
            read_only=True,
            heading=_("Answer key"),
            help_text=_(
                "The name this question's answers are stored under, made from the "
                "label when the question is first saved. It never changes "
                "afterwards, and it is the same in every language. Routing rules "
                "use it."
            ),
        ),
    ]

    override_translatable_fields = [
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    def clean(self) -> None:
        super().clean()
        if self.field_type == "hidden":
            raise ValidationError({"field_type": _("Hidden fields are not offered.")})
        if (
            self.required
            and self.field_type in SINGLE_CHOICE_TYPES
            and self.default_value
        ):
            raise ValidationError(
                {
                    "default_value": _(
                        "A required choice starts unanswered, so that nobody sends "
                        "an answer they skipped. Leave the default value empty."
                    )
                }
            )
        name = self.clean_name or self.get_field_clean_name()
        if name in RESERVED_FIELD_NAMES:
            raise ValidationError(
                {"label": _("Every form already asks for a name and email address.")}
            )
        if name in STRUCTURED_FIELD_NAMES:
            raise ValidationError(
                {
                    "label": _(
                        "Booking forms ask for the price, number of places and who "
                        "pays themselves: word this question differently."
                    )
                }
            )

    class Meta(AbstractFormField.Meta):
        abstract = True
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class BaseRoutingRule(Orderable):
    """Send to an extra address when one answer has a given value."""

    field_name = models.CharField(
        _("question key"),
        max_length=255,
        help_text=_(
            "Which question this rule looks at. Copy it from the question's “Answer "
            "key” (for example type_of_team); a question only has one once the "
            "form has been saved."
        ),
    )
    value = models.CharField(
        _("answer"),
        max_length=255,
        help_text=_("The answer, exactly as one of the English choices."),
    )
    address = models.EmailField(_("also send to"))

    panels = [FieldPanel("field_name"), FieldPanel("value"), FieldPanel("address")]

    def describe(self) -> str:
        """A short label for the rule, stored on each delivery it decides."""
        return f"answer:{self.field_name}={self.value}"[:255]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")


class BaseFormPage(KnownRestrictionsMixin, SharingMixin, AbstractForm):
    """Shared machinery of every form: fixed questions, routing, emails, retention."""

    reference_prefix = "FRM"
    form_builder = BoundedFormBuilder
    base_form_class = RoutingPageForm

    intro = models.TextField(blank=True, max_length=1000)
    thank_you_text = models.TextField(
        _("what happens next"),
        blank=True,
        max_length=2000,
        help_text=_("Shown on the thank-you page and in the acknowledgement email."),
    )
    team_addresses = models.CharField(
        _("team addresses"),
        max_length=1000,
        blank=True,
        validators=[validate_address_list],
        help_text=_("Comma-separated addresses that receive every submission."),
    )
    notification_intro = models.TextField(
        blank=True,
        max_length=1000,
        help_text=_("Opening text of the email staff receive."),
    )
    include_answers_in_notification = models.BooleanField(
        default=False,
        help_text=_("Put the full answers in the staff email, not only a summary."),
    )
    acknowledgement_intro = models.TextField(
        blank=True,
        max_length=1000,
        help_text=_("Opening text of the email the person who wrote receives."),
    )
    retention_days = models.PositiveIntegerField(
        default=365,
        help_text=_("Submissions older than this many days are deleted."),
    )

    search_fields = AbstractForm.search_fields + [index.SearchField("intro")]
    search_label = _("Form")

    override_translatable_fields = [
        SynchronizedField("team_addresses"),
        SynchronizedField("include_answers_in_notification"),
        SynchronizedField("retention_days"),
    ]

    routing_panels = [
        FieldPanel("team_addresses", permission=ROUTING_PERMISSION),
        RoutingInlinePanel("routing_rules", label=_("Answer-based rules")),
    ]
    email_panels = [
        FieldPanel("notification_intro"),
        FieldPanel("include_answers_in_notification"),
        FieldPanel("acknowledgement_intro"),
    ]
    content_panels = AbstractForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(routing_panels, heading=_("Routing")),
        MultiFieldPanel(email_panels, heading=_("Emails")),
    ]
    settings_panels = AbstractForm.settings_panels + [FieldPanel("retention_days")]

    class Meta:
        abstract = True

    def get_submission_class(self):
        return Submission

    def get_submissions_list_view_class(self):
        # The admin views import these models, so they are imported when first used.
        from forms_app.admin_views import SubmissionsWithReferenceView

        return SubmissionsWithReferenceView

    def get_submissions(self):
        return self.get_submission_class().objects.filter(page=self.source_page())

    def source_page(self):
        """The page in the default locale, where every translation's submissions land."""
        original = self.get_translations(inclusive=True).filter(
            locale__language_code=_default_language()
        )
        return original.first() or self

    def get_data_fields(self):
        return [
            ("reference", _("Reference")),
            ("status", _("Status")),
            ("submit_time", _("Submission date")),
            ("contact_name", _("Name")),
            ("contact_email", _("Email")),
        ] + [(field.clean_name, field.label) for field in self.get_form_fields()]

    def recipient_sources(self) -> list:
        """Where this form's recipients come from; subclasses add facilitators."""
        return [team_recipients, answer_rule_recipients]

    def submission_links(self, form) -> dict:
        """Extra Submission fields taken from the form, e.g. course_page and run."""
        return {}

    def initial_answers(self, request) -> dict:
        """Answers filled in before the visitor starts, e.g. from the query string."""
        return {}

    def summary_rows(self, submission: Submission) -> list[tuple[str, str]]:
        """Extra (label, value) rows shown with a submission, e.g. the chosen run."""
        return []

    def serve(self, request, *args, **kwargs):
        # The views import these models, so they are imported when first used.
        from forms_app.views import serve_form_page

        # As @sensitive_post_parameters() does: error reports hide every answer.
        request.sensitive_post_parameters = "__ALL__"

        return serve_form_page(self, request, *args, **kwargs)

    def route(self, request, path_components):
        if path_components == ["thanks"] and self.live:
            return RouteResult(self, kwargs={"thanks": True})
        return super().route(request, path_components)


def _default_language() -> str:
    return settings.LANGUAGE_CODE


class EnquiryFormPage(BaseFormPage):
    """An enquiry about bespoke work for a team, routed by what the team asks for."""

    reference_prefix = "ENQ"
    template = "forms_app/form_page.html"

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("enquiry form page")
        verbose_name_plural = _("enquiry form pages")


class EnquiryFormField(BaseFormField):
    page = ParentalKey(
        EnquiryFormPage, on_delete=models.CASCADE, related_name="form_fields"
    )

    class Meta(BaseFormField.Meta):
        unique_together = [("translation_key", "locale")]


class EnquiryRoutingRule(BaseRoutingRule):
    page = ParentalKey(
        EnquiryFormPage, on_delete=models.CASCADE, related_name="routing_rules"
    )
