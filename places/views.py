"""Pages a person reaches from a link in an email about their place."""

from django.http import Http404, HttpRequest, HttpResponse


def respond(request: HttpRequest, token: str) -> HttpResponse:
    """Not built yet: the decisions work adds accept, decline and give-up pages."""
    raise Http404
