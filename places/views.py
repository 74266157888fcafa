"""Pages a person reaches from a link in an email about their place."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from places.followups import decline_follow_up, follow_up_context
from places.links import Action, read_follow_up_token, read_token
from places.respond import describe, respond_to


@never_cache
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link will do, with one button; only the POST does it."""
    found = read_token(token)
    if found is None or found[1] == Action.NAME:
        raise Http404
    place, action = found
    context = describe(place, action, request.LANGUAGE_CODE)
    if request.method == "POST":
        context["outcome"] = respond_to(place, action)
        context.update(describe(place, action, request.LANGUAGE_CODE))
    elif request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    return TemplateResponse(request, "places/respond.html", context)


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
