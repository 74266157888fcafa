"""Waiting on Wagtail's page editor the way a person does: for it to watch the
form before typing, and for its autosave before acting on what was typed."""

from playwright.sync_api import Response

# Wagtail's w-unsaved controller announces when it starts comparing the form.
# Add with `page.add_init_script` before opening the editor, then wait with
# `page.wait_for_function(EDITS_WATCHED)`.
WATCH_FOR_EDITS = """
document.addEventListener("w-unsaved:watch-edits", () => {
    window.editsWatched = true;
});
"""
EDITS_WATCHED = "() => window.editsWatched === true"


def autosave_carrying(text: str, url: str | None = None):
    """A `page.expect_response` predicate: the editor's autosave of a form holding `text`."""

    def matches(response: Response) -> bool:
        request = response.request
        return (
            request.method == "POST"
            and (url is None or response.url == url)
            and request.headers.get("accept") == "application/json"
            and text in (request.post_data or "")
        )

    return matches
