"""Admin registration: testimonials, the facilitator chooser and the course editor."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.admin_views import (
    FacilitatorChooserView,
    facilitators_in_default_language,
    refuse_bulk_publishing_of_unfit_courses,
    withdraw_consent,
)
from courses.editor import show_past_runs_when_asked
from courses.models import Testimonial


class ConsentColumn(BooleanColumn):
    """Whether the testimonial may be shown today."""

    def get_value(self, instance) -> bool:
        return (
            Testimonial.objects.with_current_consent().filter(pk=instance.pk).exists()
        )


class TestimonialViewSet(SnippetViewSet):
    model = Testimonial
    icon = "openquote"
    menu_label = _("Testimonials")
    add_to_admin_menu = True
    menu_order = 300
    list_display = [
        TitleColumn(
            "excerpt",
            label=_("Quote"),
            get_url=lambda instance: reverse(
                "wagtailsnippets_courses_testimonial:edit", args=[instance.pk]
            ),
        ),
        Column("__str__", label=_("Number")),
        "course",
        "attribution",
        ConsentColumn("consent", label=_("Consent current")),
        "consent__expires_on",
    ]
    list_filter = ["attribution", "course", "live"]
    search_fields = ["quote", "name", "role"]


register_snippet(TestimonialViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls() -> list:
    chooser = FacilitatorChooserView.as_view()
    return [
        path(
            "courses/choose-facilitator/",
            chooser,
            name="courses_choose_facilitator",
        ),
        # The chooser script adds the parent page it last showed.
        path("courses/choose-facilitator/<int:parent_page_id>/", chooser),
        path(
            "courses/testimonials/<int:pk>/withdraw-consent/",
            withdraw_consent,
            name="courses_withdraw_consent",
        ),
    ]


hooks.register("construct_page_chooser_queryset", facilitators_in_default_language)
hooks.register("before_edit_page", show_past_runs_when_asked)


@hooks.register("insert_editor_js")
def mark_autosaves() -> str:
    return format_html('<script src="{}"></script>', static("js/admin-autosave.js"))


@hooks.register("insert_editor_js")
def share_empty_session_rows() -> str:
    return format_html('<script src="{}"></script>', static("js/admin-rows.js"))


hooks.register("before_bulk_action", refuse_bulk_publishing_of_unfit_courses)
