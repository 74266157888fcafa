"""Demo courses, built and published through the models editors use."""

from datetime import datetime

from django.utils import formats, timezone, translation

from courses.demo.featured import pin_featured_courses
from courses.demo.leaders import attach_leaders
from courses.demo.offerings import COURSES, welsh_cohort_title
from courses.demo.testimonials import build_testimonials
from courses.forms import number_by_start
from courses.models import CourseIndexPage, CoursePage
from courses.rules import in_london
from home.demo.site import DemoSite, ensure_child
from home.demo.translation import translate

__all__ = ["build", "welsh_cohort_titles"]


def sessions_by_start(fields: dict) -> dict:
    """Number each run's sessions by start, as the editor's form does on saving.

    Runs and price tiers take their positions in the order given as they are
    saved (home.ordering); a run's sessions are listed by date, which the
    editor's checks expect.
    """
    for run in fields.get("runs", []):
        number_by_start(run.sessions.all())
    return fields


def _first_starts(course: CoursePage) -> dict[str, datetime]:
    """Each run's title with the London time of its first session."""
    return {
        run.title: in_london(run.sessions.order_by("start")[0].start)
        for run in course.runs.all()
        if run.sessions.exists()
    }


def welsh_run_titles(course: CoursePage) -> dict[str, str]:
    """Welsh titles for the drop-in runs (single dates and the series), in Welsh months."""
    with translation.override("cy"):
        return {
            title: (
                "Cyfres galw heibio o " if "series" in title else "Sesiwn galw heibio "
            )
            + formats.date_format(start, "F Y")
            for title, start in _first_starts(course).items()
        }


def welsh_cohort_titles(course: CoursePage) -> dict[str, str]:
    """Welsh titles for the cohorts, named for the season they start in."""
    return {
        title: welsh_cohort_title(start.date())
        for title, start in _first_starts(course).items()
    }


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
    today = timezone.localdate()
    courses = {
        slug: ensure_child(
            index, CoursePage, slug, user, **sessions_by_start(fields(today))
        )
        for slug, fields in COURSES
    }
    testimonials = build_testimonials(courses, today)
    translate(index, "cy", {index.title: "Cyrsiau"}, user=user)
    hour = courses["creative-empathy-hour"]
    translate(
        hour,
        "cy",
        {
            hour.title: "Awr Empathi Greadigol",
            "Free to attend": "Mynediad am ddim",
            hour.summary: (
                "Awr ginio am ddim o ysgrifennu dan arweiniad a sgwrs am sut mae "
                "straeon yn ein helpu i ddeall ein gilydd. Dewch i un neu i bob un."
            ),
            "Each hour opens with a short piece of writing to read together, then "
            "a prompt or two to write from, then a gentle talking circle.": (
                "Mae pob awr yn dechrau gyda darn byr o ysgrifennu i'w ddarllen "
                "gyda'n gilydd, yna un neu ddau sbardun i ysgrifennu ohonynt, ac "
                "yna cylch sgwrsio tyner."
            ),
            "Nobody has to share what they write.": (
                "Does dim rhaid i neb rannu'r hyn maen nhw'n ei ysgrifennu."
            ),
            "Anyone in health or social care, students and educators included, "
            "who is curious about creative writing and empathy.": (
                "Unrhyw un ym maes iechyd neu ofal cymdeithasol, gan gynnwys "
                "myfyrwyr ac addysgwyr, sy'n chwilfrydig am ysgrifennu creadigol "
                "ac empathi."
            ),
            "Nothing to prepare. Bring paper and a pen.": (
                "Does dim angen paratoi. Dewch â phapur a beiro."
            ),
            "There is no assessment; this is CPD, not a qualification.": (
                "Does dim asesu; DPP yw hwn, nid cymhwyster."
            ),
            **welsh_run_titles(hour),
        },
        user=user,
    )
    translate(
        testimonials[1],
        "cy",
        {testimonials[1].quote: "Roedd yn teimlo'n ddiogel. Doedd neb yn barnu."},
        user=user,
    )
    attach_leaders(courses, user)
    pin_featured_courses(demo_site.home, courses, user)
