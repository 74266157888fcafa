"""Demo places: bookings on the writing workshops and applications to the next cohort."""

from django.conf import settings
from django.utils import timezone

from courses.models import CoursePage, CourseRun
from home.demo import DemoSite
from places.changes import record_new
from places.models import Place, PlaceChange, Status, Way

FIRST_NAMES = ["Alys", "Bryn", "Carys", "Dafydd", "Efa", "Gethin", "Hana", "Ifan"]


def _runs(slug: str) -> list[CourseRun]:
    course = CoursePage.objects.get(
        slug=slug, locale__language_code=settings.LANGUAGE_CODE
    )
    return list(course.runs.all())


def _fill(run: CourseRun, count: int, way: str, status: str) -> None:
    """`count` fictional people on the run, unless it already has places."""
    if Place.objects.filter(run=run).exists():
        return
    for n in range(count):
        name = FIRST_NAMES[n % len(FIRST_NAMES)]
        record_new(
            Place(
                run=run,
                name=f"{name} Demo {n + 1}",
                email=f"{name.lower()}.{n + 1}@example.org",
                way=way,
                status=status,
            ),
            actor=PlaceChange.Actor.SYSTEM,
            note="Demo content",
        )


def build(demo_site: DemoSite) -> None:
    """Four places booked on each workshop to come, 18 on past ones; five applications."""
    now = timezone.now()
    for run in _runs("creative-writing-for-empathy"):
        upcoming = run.sessions.filter(start__gt=now).exists()
        _fill(run, 4 if upcoming else 18, Way.BOOKED, Status.ACCEPTED)
    cohorts = [run for run in _runs("compassionate-leadership") if run.capacity]
    for run in cohorts:
        _fill(run, 5, Way.APPLIED, Status.RECEIVED)
