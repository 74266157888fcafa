"""Panels for the rows a course page repeats: runs, sessions and price tiers."""

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.admin.templatetags.wagtailadmin_tags import fieldtype, widgettype


def row_help_id(form_prefix: str, field_name: str) -> str:
    """The id of a row field's help text, written once above all rows of its kind."""
    rows_prefix = form_prefix.rpartition("-")[0]
    return f"id_{rows_prefix}-help-{field_name}"


class RowFieldPanel(FieldPanel):
    """A field of a repeated row, drawn compactly (decision 0028).

    No comment button (comments stay on the page's own fields), short ids taken
    from the field's own, and its help text written once above the rows
    (`RowsInlinePanel`) and tied to the field with `aria-describedby`: on fields
    repeated for every run and session that furniture weighed more than the
    fields themselves.
    """

    def __init__(self, field_name: str, *args, **kwargs) -> None:
        kwargs.setdefault("disable_comments", True)
        super().__init__(field_name, *args, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "courses/admin/row_field_panel.html"

        def __init__(self, **kwargs) -> None:
            super().__init__(**kwargs)
            self.label = self.heading
            field = self.bound_field
            # Read-only fields and widgets that draw their own errors keep Wagtail's.
            self.compact = field is not None and not hasattr(
                field.field.widget, "render_with_errors"
            )
            if self.compact:
                # The field draws its own label: the group around it then draws none.
                self.heading = ""
            else:
                self.template_name = FieldPanel.BoundPanel.template_name

        def get_editable_context_data(self) -> dict:
            if not self.compact:
                return super().get_editable_context_data()
            field = self.bound_field
            error_id = f"{field.auto_id}-errors"
            described_by = []
            if self.help_text:
                described_by.append(row_help_id(self.form.prefix, self.field_name))
            attrs = {}
            if field.errors:
                described_by.append(error_id)
                attrs["aria-invalid"] = "true"
            if described_by:
                attrs["aria-describedby"] = " ".join(described_by)
            return {
                "field": field,
                "label": self.label,
                "rendered_field": field.as_widget(attrs=attrs),
                "error_message_id": error_id,
                "errors": field.errors,
                "field_classname": f"w-field--{fieldtype(field)} "
                f"w-field--{widgettype(field)}",
            }


def row_help(panel: Panel.BoundPanel) -> list[dict]:
    """The help texts of a row's own fields, each with the id its fields refer to."""
    return [
        {
            "id": row_help_id(field_panel.form.prefix, field_panel.field_name),
            "label": field_panel.label,
            "text": field_panel.help_text,
        }
        for field_panel in _row_field_panels(panel)
    ]


def _row_field_panels(panel: Panel.BoundPanel):
    for child in getattr(panel, "visible_children", []):
        if isinstance(child, RowFieldPanel.BoundPanel):
            if child.compact and child.help_text:
                yield child
        elif not isinstance(child, InlinePanel.BoundPanel):
            yield from _row_field_panels(child)


class RowsInlinePanel(InlinePanel):
    """An InlinePanel of rows drawn as Wagtail draws them, less the space between tags.

    Runs, sessions and price tiers repeat Wagtail's field markup for every row and
    again in each empty-row template; its indentation was a fifth of their weight.
    The rows' help texts are written once, above them. Rows inside a row (a
    run's sessions) send no empty row of their own: the browser copies the one
    inside the parent's empty row (`static/js/admin-rows.js`).
    """

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "courses/admin/rows_inline_panel.html"

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            context["row_help"] = row_help(self.empty_child) if self.form else []
            context["shares_empty_row"] = self.shared_empty_row()
            return context

        def shared_empty_row(self) -> dict | None:
            """Where the browser finds this formset's empty row, when it is shared."""
            row_prefix = self.form.prefix if self.form is not None else None
            if not row_prefix or "__prefix__" in row_prefix:
                return None
            parent, _, index = row_prefix.rpartition("-")
            relation = self.panel.relation_name
            return {
                "outer": f"id_{parent}-EMPTY_FORM_TEMPLATE",
                "nested": f"id_{parent}-__prefix__-{relation}-EMPTY_FORM_TEMPLATE",
                "index": index,
            }


def sessions_kept_out(run_form) -> list:
    """A run's stored sessions that its form does not hold (decision 0028)."""
    formset = run_form.formsets.get("sessions") if run_form is not None else None
    if formset is None:
        return []
    in_form = {form.instance.pk for form in formset.forms if form.instance.pk}
    return [
        session
        for session in run_form.instance.sessions.all()
        if session.pk is not None and session.pk not in in_form
    ]


class SessionsInlinePanel(RowsInlinePanel):
    """A run's sessions: those the form leaves out listed a line each, with a way in."""

    class BoundPanel(RowsInlinePanel.BoundPanel):
        template_name = "courses/admin/sessions_inline_panel.html"

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            # Stored sessions, so each has a start.
            context["kept_out"] = sorted(
                sessions_kept_out(self.form), key=lambda s: s.start
            )
            context["edit_path"] = self.request.path if self.request else ""
            context["run_section_id"] = f"inline_child_{self.form.prefix}-panel-section"
            return context


class WeeklyGeneratorPanel(MultiFieldPanel):
    """The weekly generator of a run, drawn where the run's sessions are in the form.

    A stored run whose sessions are listed rather than edited opens them, and its
    generator with them, with one link; its form still takes the fields.
    """

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def is_shown(self) -> bool:
            return super().is_shown() and not sessions_kept_out(self.form)
