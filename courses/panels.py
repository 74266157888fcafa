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
