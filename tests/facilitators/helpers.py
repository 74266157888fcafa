"""Shared test helpers: the real admin edit form's POST data for a facilitator page."""

from wagtail.models import Page, PageLogEntry, Revision
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from facilitators.models import FacilitatorPage


def edit_form_data(page: FacilitatorPage, action: str | None = None, **changes) -> dict:
    """What the admin edit form posts for this page, with some fields changed."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "role": page.role,
        "pronouns": page.pronouns,
        "photo": page.photo_id or "",
        "bio": page.bio,
        "professional_registration": page.professional_registration,
        "links": [],
        "seo_title": "",
        "search_description": "",
    }
    fields.update(changes)
    data = nested_form_data(
        {
            **fields,
            "bio": rich_text(fields["bio"]),
            "links": streamfield(fields["links"]),
            "comments": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return data


def admin_state() -> dict:
    """Everything a denied request must leave unchanged."""
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "live", "title")),
        "live_roles": list(
            FacilitatorPage.objects.order_by("pk").values_list("pk", "role", "bio")
        ),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
    }
