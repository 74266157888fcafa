"""Panels for the rows a course page repeats: runs, sessions and price tiers."""

from wagtail.admin.panels import FieldPanel, InlinePanel


class RowFieldPanel(FieldPanel):
    """A field of a repeated row, without a comment button (decision 0028).

    Comments stay on the page's own fields; on fields repeated for every run and
    session the buttons weighed more than the fields themselves.
    """

    def __init__(self, field_name: str, *args, **kwargs) -> None:
        kwargs.setdefault("disable_comments", True)
        super().__init__(field_name, *args, **kwargs)


class RowsInlinePanel(InlinePanel):
    """An InlinePanel of rows drawn as Wagtail draws them, less the space between tags.

    Runs, sessions and price tiers repeat Wagtail's field markup for every row and
    again in each empty-row template; its indentation was a fifth of their weight.
    """

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "courses/admin/rows_inline_panel.html"


class SessionsInlinePanel(RowsInlinePanel):
    """A run's sessions, saying how many that are over the form leaves out."""

    class BoundPanel(RowsInlinePanel.BoundPanel):
        template_name = "courses/admin/sessions_inline_panel.html"

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            in_form = {form.instance.pk for form in self.formset.forms}
            stored = self.instance.sessions.all() if self.instance.pk else []
            context["kept_out"] = sum(1 for s in stored if s.pk not in in_form)
            context["edit_path"] = self.request.path if self.request else ""
            return context
