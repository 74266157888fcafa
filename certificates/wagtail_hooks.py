"""Admin registrations of the certificates app: the feedback summaries."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from certificates import feedback_admin
from certificates.reach import REGISTER_PERMISSION

feedback_patterns = (
    [
        path("", feedback_admin.feedback_runs, name="runs"),
        path("runs/<int:pk>/", feedback_admin.feedback_run, name="run"),
    ],
    "feedback_admin",
)


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [path("feedback/", include(feedback_patterns))]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(REGISTER_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(
        _("Feedback"),
        reverse("feedback_admin:runs"),
        name="feedback",
        icon_name="comment",
        order=270,
    )
