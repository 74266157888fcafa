"""The page editor's HTML without the indentation of Wagtail's templates.

Wagtail's admin templates are indented for reading, and a page editor repeats
them for every field, row and empty-row template: on a course page that space
was a tenth of the page (decision 0028). Between tags, a run of white space
that holds a line break becomes one line break, which the browser draws the
same; tags, attribute values and the insides of `textarea`, `pre`, `script`
and `style` are left exactly as they are.
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Views whose HTML is squeezed: Wagtail's page editor, editing and creating.
EDITOR_VIEWS = {"wagtailadmin_pages:edit", "wagtailadmin_pages:add"}

_KEPT_AS_IS = re.compile(r"<(textarea|pre|script|style)\b.*?</\1\s*>", re.S | re.I)
# A tag, with quoted attribute values that may hold ">".
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
_SPACE_WITH_BREAK = re.compile(r"\s*\n\s*")


def squeeze(html: str) -> str:
    """`html` with every white-space run between tags that holds a line break as one."""
    parts = []
    position = 0
    for kept in _KEPT_AS_IS.finditer(html):
        parts.append(_squeeze_text(html[position : kept.start()]))
        parts.append(kept.group(0))
        position = kept.end()
    parts.append(_squeeze_text(html[position:]))
    return "".join(parts)


def _squeeze_text(markup: str) -> str:
    parts = []
    position = 0
    for tag in _TAG.finditer(markup):
        parts.append(_SPACE_WITH_BREAK.sub("\n", markup[position : tag.start()]))
        parts.append(tag.group(0))
        position = tag.end()
    parts.append(_SPACE_WITH_BREAK.sub("\n", markup[position:]))
    return "".join(parts)


class EditorMarkupMiddleware:
    """Squeezes the page editor's HTML before it is compressed and sent."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            match is None
            or match.view_name not in EDITOR_VIEWS
            or response.status_code != 200
            or response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or response.has_header("Content-Encoding")
        ):
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        charset = response.charset or "utf-8"
        response.content = squeeze(response.content.decode(charset)).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
