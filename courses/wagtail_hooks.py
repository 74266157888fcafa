"""Admin registration for testimonials."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
        "__str__",
        "course",
        "attribution",
        ConsentColumn("consent", label=_("Consent current")),
        "consent_expires_on",
    ]
    list_filter = ["attribution", "course"]
    search_fields = ["quote", "name", "role"]


register_snippet(TestimonialViewSet)
