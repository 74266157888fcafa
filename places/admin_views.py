"""Admin views for deciding places: runs with counts, a run's places, bulk decisions.

A bulk decision is two POSTs: `preview` shows the exact email each chosen place
would get, `confirm` makes the changes and queues those emails through the outbox.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import CourseRun
from forms_app.models import Delivery
from places.changes import NotAllowed, can_change
from places.models import Place, Status, Way
from places.offers import DECISIONS, NoSeatFree, move_waiting, preview_decision
from places.reach import DECIDE_PERMISSION, runs_for_user
from places.seats import seats_left

MOVE = "move"
# The bulk actions, by the status they move a place to (or `move`).
ACTIONS = {
    Status.OFFERED.value: gettext_lazy("Offer a place"),
    Status.WAITLISTED.value: gettext_lazy("Put on the waiting list"),
    Status.DECLINED.value: gettext_lazy("Decline"),
    MOVE: gettext_lazy("Move to another run (waiting list only)"),
}


class NotYours(Exception):
    """The run belongs to a course this user does not decide on."""


def _require_decider(request: HttpRequest) -> None:
    if not request.user.has_perm(DECIDE_PERMISSION):
        raise PermissionDenied


def _run_or_refuse(request: HttpRequest, pk: int) -> CourseRun:
    _require_decider(request)
    run = get_object_or_404(CourseRun, pk=pk)
    if not runs_for_user(request.user).filter(pk=pk).exists():
        raise NotYours
    return run


def _forbidden(request: HttpRequest) -> HttpResponse:
    """A plain 403: Wagtail would turn PermissionDenied into a dashboard redirect."""
    return TemplateResponse(request, "places/admin/forbidden.html", {}, status=403)


def run_list(request: HttpRequest) -> HttpResponse:
    """Every run the user may decide on, with its places counted by status."""
    _require_decider(request)
    counts = {
        status.value: Count("places", filter=Q(places__status=status))
        for status in Status
    }
    runs = (
        runs_for_user(request.user)
        .select_related("course")
        .prefetch_related("sessions")
        .annotate(**{f"n_{key}": count for key, count in counts.items()})
        .order_by("course__title", "sort_order", "pk")
    )
    rows = [
        {"run": run, "counts": [getattr(run, f"n_{s.value}") for s in Status]}
        for run in runs
    ]
    return TemplateResponse(
        request,
        "places/admin/runs.html",
        {"rows": rows, "statuses": [s.label for s in Status]},
    )


def _last_emails(places: list[Place]) -> dict[int, Delivery]:
    """The latest email queued to each place's person about the place."""
    if not places:
        return {}
    keys = Q()
    for place in places:
        keys |= Q(key__startswith=f"place:{place.pk}:")
    latest = {}
    for delivery in Delivery.objects.filter(keys).order_by("created_at", "pk"):
        latest[int(delivery.key.split(":")[1])] = delivery
    return latest


def run_places(request: HttpRequest, pk: int) -> HttpResponse:
    """A run's places, filtered by status and way, with the bulk decisions."""
    try:
        run = _run_or_refuse(request, pk)
    except NotYours:
        return _forbidden(request)
    if request.method == "POST":
        return _bulk(request, run)
    places = Place.objects.filter(run=run).order_by("created_at", "pk")
    status, way = request.GET.get("status", ""), request.GET.get("way", "")
    if status in Status.values:
        places = places.filter(status=status)
    if way in Way.values:
        places = places.filter(way=way)
    places = list(places)
    emails = _last_emails(places)
    return TemplateResponse(
        request,
        "places/admin/run.html",
        {
            "run": run,
            "rows": [(place, emails.get(place.pk)) for place in places],
            "statuses": Status.choices,
            "ways": Way.choices,
            "status": status,
            "way": way,
            "actions": ACTIONS.items(),
            "other_runs": _other_runs(request, run),
        },
    )


def _other_runs(request: HttpRequest, run: CourseRun):
    return (
        runs_for_user(request.user)
        .filter(course=run.course)
        .exclude(pk=run.pk)
        .prefetch_related("sessions")
    )


def _bulk(request: HttpRequest, run: CourseRun) -> HttpResponse:
    action = request.POST.get("action", "")
    message = request.POST.get("message", "")[:2000]
    ids = [int(pk) for pk in request.POST.getlist("places") if pk.isdigit()]
    places = list(Place.objects.filter(run=run, pk__in=ids).order_by("created_at"))
    if action not in ACTIONS or not places:
        messages.error(request, _("Choose at least one place and an action."))
        return redirect("places_admin:run", run.pk)
    to_run = None
    if action == MOVE:
        to_run = _other_runs(request, run).filter(pk=request.POST.get("to_run")).first()
        if to_run is None:
            messages.error(request, _("Choose the run to move the waiting list to."))
            return redirect("places_admin:run", run.pk)
    if request.POST.get("step") == "confirm":
        return _confirm(request, run, action, places, message, to_run)
    previews = []
    seats = seats_left(run) if action == Status.OFFERED else None
    for place in places:
        email, reason = None, ""
        if action == MOVE:
            allowed = place.status == Status.WAITLISTED
        else:
            allowed = can_change(place, action)
        if not allowed:
            reason = _("Left unchanged: its status does not allow this.")
        elif seats is not None and seats < 1:
            allowed = False
            reason = _("Not offered: every place on the run would be taken.")
        elif action != MOVE:
            email = preview_decision(place, action, message)
            seats = seats - 1 if seats is not None else None
        previews.append(
            {"place": place, "allowed": allowed, "email": email, "reason": reason}
        )
    return TemplateResponse(
        request,
        "places/admin/preview.html",
        {
            "run": run,
            "action": action,
            "action_label": ACTIONS[action],
            "message": message,
            "previews": previews,
            "to_run": to_run,
            "any_allowed": any(p["allowed"] for p in previews),
        },
    )


def _confirm(request, run, action, places, message, to_run) -> HttpResponse:
    if action == MOVE:
        moved = move_waiting(places, to_run, by=request.user)
        messages.success(request, _("%(n)s moved to the other run.") % {"n": moved})
        return redirect("places_admin:run", run.pk)
    decide = DECISIONS[action]
    done, skipped, full = 0, 0, 0
    for place in places:
        try:
            decide(place, by=request.user, message=message)
            done += 1
        except NoSeatFree:
            full += 1
        except NotAllowed:
            skipped += 1
    messages.success(request, _("%(n)s done; the emails are queued.") % {"n": done})
    if skipped:
        messages.warning(
            request,
            _("%(n)s left unchanged: their status does not allow it.") % {"n": skipped},
        )
    if full:
        messages.error(
            request, _("%(n)s not offered: every place is taken.") % {"n": full}
        )
    return redirect("places_admin:run", run.pk)
