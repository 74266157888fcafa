"""How many places a run has left, counted from the places taken."""

from django.utils import timezone

from courses.models import CourseRun, CourseSession
from places.models import Place


def lock_run(run: CourseRun) -> CourseRun:
    """The source run, locked until the transaction ends: one seat count at a time."""
    source = run.source_run
    return CourseRun.objects.select_for_update().get(pk=source.pk)


def seats_taken(run: CourseRun) -> int:
    return Place.objects.on_run(run).holding().count()


def seats_left(
    run: CourseRun, *, session: CourseSession | None = None, joining: bool = False
) -> int | None:
    """Free places on the run, or None when its capacity is not limited.

    For a drop-in (`joining`) the capacity is per date: free places on `session`,
    or with no session the fewest free on any date to come (the whole series).
    """
    if run.capacity is None:
        return None
    if joining and session is not None:
        return run.date_places_left(session)
    if joining:
        return run.series_places_left(timezone.now())
    return max(run.capacity - seats_taken(run), 0)
