"""Admin views for the course editor: the facilitator chooser."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Locale

from facilitators.models import FacilitatorIndexPage

FACILITATOR_PAGE_TYPE = "facilitators.facilitatorpage"


class FacilitatorChooserView(BrowseView):
    """Wagtail's page chooser, starting at the facilitator index in the default language."""

    def get(
        self, request: HttpRequest, parent_page_id: int | None = None
    ) -> HttpResponse:
        if parent_page_id is None:
            index = FacilitatorIndexPage.objects.filter(
                locale=Locale.get_default()
            ).first()
            parent_page_id = index.pk if index else None
        return super().get(request, parent_page_id)


def facilitators_in_default_language(pages: QuerySet, request: HttpRequest) -> QuerySet:
    """Choosing a facilitator offers the default-language profiles, not translations."""
    if request.GET.get("page_type", "").lower() == FACILITATOR_PAGE_TYPE:
        return pages.filter(locale=Locale.get_default())
    return pages
