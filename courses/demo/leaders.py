"""Which demo facilitators lead which seed course."""

from wagtail_localize.models import TranslationSource

from courses.models import CourseFacilitator, CoursePage
from facilitators.models import FacilitatorPage
from home.demo.site import publish

COURSE_LEADERS = {
    "creative-empathy-hour": ["tomos-ap-rhys", "dr-maren-ellery"],
    "creative-writing-for-empathy": ["dr-maren-ellery"],
    "compassionate-leadership": ["dr-priya-halden", "sam-okafor"],
    "bespoke-team-workshops": ["dr-maren-ellery", "tomos-ap-rhys"],
}


def attach_leaders(courses: dict[str, CoursePage], user) -> None:
    """List the demo facilitators on the seed courses that have none yet."""
    locale_id = next(iter(courses.values())).locale_id
    profiles = {
        page.slug: page for page in FacilitatorPage.objects.filter(locale_id=locale_id)
    }
    for slug, leaders in COURSE_LEADERS.items():
        course = courses[slug]
        if course.course_facilitators.exists() or not all(
            leader in profiles for leader in leaders
        ):
            continue
        draft = course.get_latest_revision_as_object()
        draft.course_facilitators = [
            CourseFacilitator(facilitator=profiles[leader]) for leader in leaders
        ]
        publish(draft, user)
        # Bring the Welsh course up to date, as "Sync translated pages" does.
        if TranslationSource.objects.get_for_instance_or_none(course) is not None:
            source, _created = TranslationSource.update_or_create_from_instance(course)
            for translation in source.translations.all():
                translation.save_target(user=user, publish=True)
