"""Wagtail's page create view, made to report a slug taken while it was saving."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from wagtail.admin.views.pages.create import CreateView


class CreatePageView(CreateView):
    """Create a page; a slug taken after validation becomes a form error, not a 500.

    Autosave creates a new page through this view, and a publish already in
    flight to the same address then passes form validation before the
    autosave's page exists, so the model's own slug check raises in add_child.
    """

    def form_valid(self, form) -> HttpResponse:
        try:
            # Nothing half-created survives the refusal (page row, privacy, revision).
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as error:
            add_model_errors(form, error)
            form.restore_required_fields()
            return self.form_invalid(form)


def add_model_errors(form, error: ValidationError) -> None:
    """Put the model's errors on the form's fields, the rest at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
