"""Admin wiring: what facilitators see in the admin, and the invitation view."""

from collections.abc import Iterator

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from facilitators import views
from facilitators.models import FacilitatorIndexPage, FacilitatorPage
from facilitators.panels import FacilitatorProfilePanel
from facilitators.permissions import edits_owned_pages_only, may_invite


@hooks.register("construct_explorer_page_queryset")
def facilitators_list_only_their_own_profiles(parent_page, pages, request):
    """A facilitator browsing the profiles sees their own, not their colleagues' drafts."""
    if parent_page.specific_class is not FacilitatorIndexPage:
        return pages
    tester = parent_page.permissions_for_user(request.user)
    if edits_owned_pages_only(request.user, getattr(tester, "permissions", set())):
        return pages.filter(owner=request.user)
    return pages


@hooks.register("register_admin_urls")
def register_invitation_url() -> list:
    return [
        path(
            "facilitators/invite/<int:page_id>/",
            views.invite,
            name="facilitators_invite",
        )
    ]


def invitation_button(page: Page, user) -> Button | None:
    """The "Invite facilitator" button, for staff allowed to invite to this profile."""
    if page.specific_class is not FacilitatorPage or not may_invite(user, page):
        return None
    return Button(
        _("Invite facilitator"),
        reverse("facilitators_invite", args=[page.pk]),
        icon_name="mail",
        priority=90,
    )


@hooks.register("register_page_header_buttons")
def page_header_invitation_button(
    page: Page, user, view_name: str | None = None, next_url: str | None = None
) -> Iterator[Button]:
    if button := invitation_button(page, user):
        yield button


@hooks.register("register_page_listing_more_buttons")
def page_listing_invitation_button(
    page: Page, user, next_url: str | None = None
) -> Iterator[Button]:
    if button := invitation_button(page, user):
        yield button


@hooks.register("construct_homepage_panels")
def add_profile_panel(request, panels: list) -> None:
    """Facilitators land on a panel linking to the profile they may edit."""
    profiles = FacilitatorPage.objects.filter(user=request.user).order_by("depth", "pk")
    editable = [p for p in profiles if p.permissions_for_user(request.user).can_edit()]
    if editable:
        panels.append(FacilitatorProfilePanel(editable[0]))
