"""Shared test helpers: what the real admin edit form posts, by hand or by autosave."""

from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
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


class Editor:
    """A facilitator's editor tab, autosaving the way Wagtail 8's `w-autosave` does.

    The controller posts `new FormData(form)` to the form's action with
    `Accept: application/json` and the CSRF header, then adds the revision each
    answer names as `overwrite_revision_id`, so later autosaves replace it.
    No submit button is part of that data, so the view takes it as a plain save.
    Fields the editor's widgets build in the browser come from `edit_form_data`.
    """

    def __init__(self, user, page: FacilitatorPage) -> None:
        self.page = page
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(user)
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        html = self.client.get(url).content.decode()
        form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
        self.action = form["action"]
        # CSRF token, next, loaded_revision_id and loaded_revision_created_at.
        self.loaded = {
            field["name"]: field.get("value", "")
            for field in form.find_all("input", type="hidden", recursive=False)
        }
        self.revision_id: int | None = None

    def autosave(self, **changes) -> dict:
        data = {**self.loaded, **edit_form_data(self.page, **changes)}
        if self.revision_id:
            data["overwrite_revision_id"] = str(self.revision_id)
        response = self.client.post(
            self.action,
            data,
            headers={
                "Accept": "application/json",
                "X-CSRFToken": self.loaded["csrfmiddlewaretoken"],
            },
        )
        answer = response.json()
        self.revision_id = answer.get("revision_id", self.revision_id)
        return answer


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
