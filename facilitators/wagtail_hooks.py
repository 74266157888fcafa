"""Admin wiring: the invitation view and its button on facilitator profiles."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from facilitators import views
from facilitators.models import FacilitatorPage
from facilitators.permissions import may_invite


@hooks.register("register_admin_urls")
def register_invitation_url() -> list:
    return [
        path(
            "facilitators/invite/<int:page_id>/",
            views.invite,
            name="facilitators_invite",
        )
    ]


def invitation_button(page, user) -> Button | None:
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
def page_header_invitation_button(page, user, view_name=None, next_url=None):
    if button := invitation_button(page, user):
        yield button


@hooks.register("register_page_listing_more_buttons")
def page_listing_invitation_button(page, user, next_url=None):
    if button := invitation_button(page, user):
        yield button
