"""The demo courses pinned to the home page, in both languages."""

from courses.models import CoursePage
from home.demo.site import publish
from home.demo.translation import resync
from home.models import HomePage, HomePageFeaturedCourse

FEATURED = [
    "creative-empathy-hour",
    "creative-writing-for-empathy",
    "compassionate-leadership",
]


def pin_featured_courses(home: HomePage, courses: dict[str, CoursePage], user) -> None:
    """Pin the demo courses once, as an editor would, and carry the pins into Welsh."""
    home = HomePage.objects.get(pk=home.pk)
    if home.featured_courses.exists():
        return
    draft = home.get_latest_revision_as_object()
    draft.featured_courses = [
        HomePageFeaturedCourse(course=courses[slug]) for slug in FEATURED
    ]
    publish(draft, user)
    resync(home, user=user)
