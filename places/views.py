"""Pages a person reaches from a link in an email about their place."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from places.links import Action, read_token
from places.models import Place
from places.naming import NamesForm, can_rename, save_names


@never_cache
@sensitive_post_parameters()
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The page a signed link opens; only naming a booking's people is built here."""
    found = read_token(token)
    if found is None:
        raise Http404
    place, action = found
    if action == Action.NAME and place.booking_id is not None:
        return name_people(request, place)
    raise Http404


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
