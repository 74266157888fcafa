"""Admin registrations of the certificates app: keeping registers."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from certificates import admin_views
from certificates.reach import REGISTER_PERMISSION

admin_patterns = (
    [
        path("", admin_views.run_list, name="runs"),
        path("runs/<int:pk>/", admin_views.run_sessions, name="run"),
        path("sessions/<int:pk>/", admin_views.register, name="session"),
        path("sessions/<int:pk>/add/", admin_views.add_person, name="add_person"),
        path(
            "sessions/<int:pk>/import/",
            admin_views.import_attendance,
            name="import",
        ),
        path("unmatched/<int:pk>/match/", admin_views.match, name="match"),
    ],
    "registers_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("registers/", include(admin_patterns))]


class RegistersMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(REGISTER_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_registers_menu_item():
    return RegistersMenuItem(
        _("Registers"),
        reverse("registers_admin:runs"),
        name="registers",
        icon_name="clipboard-list",
        order=260,
    )
