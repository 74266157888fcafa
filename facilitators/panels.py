"""The admin dashboard panel that points a facilitator at their own profile."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from facilitators.models import FacilitatorPage


def review_status(profile: FacilitatorPage) -> str:
    """A plain-English line on where the profile's latest changes stand."""
    state = profile.workflow_states.active().first()
    if state is None:
        if profile.has_unpublished_changes:
            return _("You have saved changes that have not been sent for approval.")
        return _("Your profile is up to date on the website.")
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("Changes were requested: edit your profile and submit it again.")
    return _("Your latest changes are waiting for approval.")


class FacilitatorProfilePanel(Component):
    """Shows a facilitator their profile's status and an edit link."""

    name = "facilitator_profile"
    template_name = "facilitators/admin/profile_panel.html"
    order = 50

    def __init__(self, profile: FacilitatorPage) -> None:
        self.profile = profile

    def get_context_data(self, parent_context: Mapping[str, Any]) -> dict[str, Any]:
        return {"profile": self.profile, "status": review_status(self.profile)}
