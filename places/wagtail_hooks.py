"""Admin registrations of the places app: deciding places, bookings and invoices."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from places import admin_views
from places.booking_views import (
    VIEW_PERMISSION,
    BookingPermissionPolicy,
    BookingViewSet,
    admin_urls,
)
from places.models import Booking
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


register_permission_policy(Booking, BookingPermissionPolicy(Booking))
bookings = BookingViewSet("bookings")


@hooks.register("register_admin_viewset")
def register_bookings():
    return bookings


@hooks.register("register_admin_urls")
def register_export():
    return admin_urls()


class BookingsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_bookings_menu_item():
    return BookingsMenuItem(
        _("Bookings and invoices"),
        reverse(bookings.get_url_name("index")),
        name="bookings-and-invoices",
        icon_name="tasks",
        order=650,
    )
