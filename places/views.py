"""Pages a person reaches from a link in an email about their place."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from places.followups import decline_follow_up, follow_up_context
from places.links import read_follow_up_token


def respond(request: HttpRequest, token: str) -> HttpResponse:
    """Not built yet: the decisions work adds accept, decline and give-up pages."""
    raise Http404


@never_cache
def follow_up(request: HttpRequest, token: str) -> HttpResponse:
    """A graduate declines one follow-up session: GET shows a button, POST declines."""
    invitation = read_follow_up_token(token)
    if invitation is None:
        raise Http404
    if request.method == "POST":
        invitation = decline_follow_up(invitation)
    context = follow_up_context(invitation)
    return TemplateResponse(request, "places/follow_up.html", context)
