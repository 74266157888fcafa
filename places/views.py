"""Pages a person reaches from a link in an email about their place."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from places.followups import decline_follow_up, follow_up_context
from places.links import Action, read_follow_up_token, read_token
from places.models import Place
from places.naming import NamesForm, can_rename, save_names
from places.respond import describe, respond_to


@never_cache
@sensitive_post_parameters()
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link will do, with one button; only the POST does it.

    A booking lead's naming link opens the page where they name their people.
    """
    found = read_token(token)
    if found is None:
        raise Http404
    place, action = found
    if action == Action.NAME:
        if place.booking_id is None:
            raise Http404
        return name_people(request, place)
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


def name_people(request: HttpRequest, place: Place) -> HttpResponse:
    """GET shows the booking's places with any names given; POST stores the names."""
    booking = place.booking
    context = {"booking": booking, "run": booking.run, "saved": False}
    if not can_rename(booking):
        context["closed"] = True
        return TemplateResponse(request, "places/name_people.html", context, status=403)
    if request.method == "POST":
        form = NamesForm(booking, request.POST)
        if form.is_valid():
            save_names(form)
            form = NamesForm(booking)
            context["saved"] = True
        else:
            form.describe_errors()
    else:
        form = NamesForm(booking)
    context["form"] = form
    status = 400 if form.errors else 200
    return TemplateResponse(request, "places/name_people.html", context, status=status)
