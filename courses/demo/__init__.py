"""Demo courses, built and published through the models editors use."""

from courses.demo.offerings import COURSES
from courses.demo.testimonials import build_testimonials
from courses.models import CourseIndexPage, CoursePage
from home.demo.site import DemoSite, ensure_child
from home.demo.translation import translate

__all__ = ["build"]


def build(demo_site: DemoSite) -> None:
    """Add the course index, the four seed courses, testimonials and Welsh pages."""
    user = demo_site.admin
    index = ensure_child(
        demo_site.home,
        CourseIndexPage,
        "courses",
        user,
        title="Courses",
        intro="Short CPD courses and workshops: online, in person, or with your team.",
        show_in_menus=True,
    )
    courses = {
        slug: ensure_child(index, CoursePage, slug, user, **fields())
        for slug, fields in COURSES
    }
    testimonials = build_testimonials(courses)
    translate(index, "cy", {index.title: "Cyrsiau"}, user=user)
    hour = courses["creative-empathy-hour"]
    translate(
        hour,
        "cy",
        {
            hour.title: "Awr Empathi Greadigol",
            "Free to attend": "Am ddim",
        },
        user=user,
    )
    translate(
        testimonials[1],
        "cy",
        {testimonials[1].quote: "Roedd yn teimlo'n ddiogel. Doedd neb yn barnu."},
        user=user,
    )
