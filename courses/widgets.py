"""Admin widgets for the course editor."""

from django.urls import reverse
from wagtail.admin.widgets import AdminPageChooser


class FacilitatorChooser(AdminPageChooser):
    """A facilitator page chooser that opens at the facilitator index."""

    def __init__(self, **kwargs) -> None:
        super().__init__(target_models=["facilitators.FacilitatorPage"], **kwargs)

    def get_chooser_modal_url(self) -> str:
        return reverse("courses_choose_facilitator")
