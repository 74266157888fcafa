"""Admin URLs and the "Places" menu item for deciding places."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from places import admin_views
from places.reach import DECIDE_PERMISSION

admin_patterns = (
    [
        path("", admin_views.run_list, name="runs"),
        path("runs/<int:pk>/", admin_views.run_places, name="run"),
    ],
    "places_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("places/", include(admin_patterns))]


class PlacesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(DECIDE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_places_menu_item():
    return PlacesMenuItem(
        _("Places"),
        reverse("places_admin:runs"),
        name="places",
        icon_name="group",
        order=250,
    )
