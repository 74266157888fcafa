"""Rules for course applications: open runs, the run question, facilitators' reach."""

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from forms_app.routing import Recipient, facilitator_recipients

FACILITATORS_GROUP = "Facilitators"
COMMUNICATIONS_GROUP = "Communications"


def _first_start(run):
    starts = [s.start for s in run.sessions.all() if s.status != "cancelled"]
    return min(starts) if starts else timezone.now()


def open_runs_for(course) -> list:
    """The course's runs open for booking now, soonest first."""
    from courses.models import CourseRun

    runs = (
        CourseRun.objects.open_for_booking()
        .filter(course=course)
        .prefetch_related("sessions")
    )
    return sorted(runs, key=_first_start)


def requested_run_id(request: HttpRequest, runs: list) -> int | None:
    """The ?run= id when it names one of the open runs, otherwise None."""
    raw = request.GET.get("run", "")
    if not raw.isdigit():
        return None
    wanted = int(raw)
    return wanted if any(run.pk == wanted for run in runs) else None


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


def run_label(run) -> str:
    """The run's title with its first and last dates and how many sessions it has."""
    sessions = sorted(
        (
            s
            for s in run.sessions.all()
            if s.status != "cancelled" and not s.graduates_only
        ),
        key=lambda s: s.start,
    )
    if not sessions:
        return run.title
    first, last = _day(sessions[0].start), _day(sessions[-1].end)
    dates = first if first == last else f"{first} \u2013 {last}"
    count = ngettext("%(n)s session", "%(n)s sessions", len(sessions)) % {
        "n": len(sessions)
    }
    return f"{run.title}: {dates} ({count})"


def run_choice_field(runs: list) -> forms.TypedChoiceField:
    """A required choice among the open runs; any other value gets a clear message."""
    by_id = {str(run.pk): run for run in runs}
    return forms.TypedChoiceField(
        label=_("Which dates would you like?"),
        choices=[(str(run.pk), run_label(run)) for run in runs],
        coerce=by_id.__getitem__,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the dates you would like to attend."),
            "invalid_choice": _(
                "Those dates are no longer open for booking. Choose other dates."
            ),
        },
    )


def source_run(run, course):
    """The same run on the course in the default language, where submissions point."""
    if run is None:
        return None
    from courses.models import CourseRun

    match = CourseRun.objects.filter(
        translation_key=run.translation_key, course=course
    ).first()
    return match or run


def run_in_locale(run, locale):
    """The run as written in the given language, or the run itself."""
    return run.get_translation_or_none(locale) or run


def course_facilitator_recipients(page, submission) -> list[Recipient]:
    """The login email of each facilitator who leads the course."""
    links = page.source_course().course_facilitators.select_related("facilitator__user")
    return facilitator_recipients(
        [link.facilitator for link in links], rule="course-facilitator"
    )


def led_course_forms(user) -> QuerySet:
    """Application forms, in every language, of the courses this user leads."""
    from wagtail.models import Page

    from courses.models import CourseFacilitator, CoursePage
    from forms_app.models import ApplicationFormPage

    course_ids = CourseFacilitator.objects.filter(facilitator__user=user).values(
        "course_id"
    )
    keys = CoursePage.objects.filter(pk__in=course_ids).values("translation_key")
    courses = CoursePage.objects.filter(translation_key__in=keys)
    under = Q(pk__in=[])
    for course in courses.only("path", "depth"):
        under |= Q(path__startswith=course.path, depth=course.depth + 1)
    return Page.objects.type(ApplicationFormPage).filter(under)


def is_facilitator_only(user) -> bool:
    """A facilitator whose reach is their own courses, not all forms."""
    if not user.is_active or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return FACILITATORS_GROUP in names and COMMUNICATIONS_GROUP not in names


def scope_forms_for_user(user, pages: QuerySet) -> QuerySet:
    """Facilitators reach only their courses' application forms; others are unchanged."""
    if not is_facilitator_only(user):
        return pages
    from wagtail.models import Page

    return Page.objects.filter(pk__in=led_course_forms(user).values("pk"))
