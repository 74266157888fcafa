"""Admin registrations of the certificates app: registers, certificates, feedback."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from certificates import feedback_views, issue_views, register_views
from certificates.reach import ISSUE_PERMISSION, REGISTER_PERMISSION

register_patterns = (
    [
        path("", register_views.run_list, name="runs"),
        path("runs/<int:pk>/", register_views.run_sessions, name="run"),
        path("sessions/<int:pk>/", register_views.register, name="session"),
        path("sessions/<int:pk>/add/", register_views.add_person, name="add_person"),
        path(
            "sessions/<int:pk>/import/",
            register_views.import_attendance,
            name="import",
        ),
        path("unmatched/<int:pk>/match/", register_views.match, name="match"),
    ],
    "registers_admin",
)

certificate_patterns = (
    [
        path("", issue_views.run_list, name="runs"),
        path("runs/<int:pk>/", issue_views.run_certificates, name="run"),
        path("<int:pk>/correct/", issue_views.correct, name="correct"),
        path("<int:pk>/revoke/", issue_views.revoke_view, name="revoke"),
        path("<int:pk>/pdf/", issue_views.download, name="download"),
    ],
    "certificates_admin",
)

feedback_patterns = (
    [
        path("", feedback_views.feedback_runs, name="runs"),
        path("runs/<int:pk>/", feedback_views.feedback_run, name="run"),
    ],
    "feedback_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("registers/", include(register_patterns)),
        path("certificates/", include(certificate_patterns)),
        path("feedback/", include(feedback_patterns)),
    ]


class PermissionMenuItem(MenuItem):
    """A menu item shown to users holding one permission."""

    def __init__(self, *args, permission: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_registers_menu_item():
    return PermissionMenuItem(
        _("Registers"),
        reverse("registers_admin:runs"),
        name="registers",
        icon_name="clipboard-list",
        order=260,
        permission=REGISTER_PERMISSION,
    )


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return PermissionMenuItem(
        _("Certificates"),
        reverse("certificates_admin:runs"),
        name="certificates",
        icon_name="doc-full",
        order=265,
        permission=ISSUE_PERMISSION,
    )


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return PermissionMenuItem(
        _("Feedback"),
        reverse("feedback_admin:runs"),
        name="feedback",
        icon_name="comment",
        order=270,
        permission=REGISTER_PERMISSION,
    )
