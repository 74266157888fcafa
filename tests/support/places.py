"""Places taken on a run, for tests that need a run partly or wholly full."""

from places.changes import record_new
from places.models import Place, PlaceChange, Status, Way


def take_places(run, count: int, status: str = Status.ACCEPTED) -> list[Place]:
    """`count` places on the run, held by fictional people at example.org."""
    return [
        record_new(
            Place(
                run=run,
                name=f"Person {n}",
                email=f"person{n}@example.org",
                way=Way.BOOKED,
                status=status,
            ),
            actor=PlaceChange.Actor.STAFF,
        )
        for n in range(1, count + 1)
    ]
