"""Demo content: the leadership application, the workshop booking and drop-in sign-up."""

from django.conf import settings

from courses.demo import welsh_cohort_titles
from courses.models import CoursePage
from forms_app.models import ApplicationFormField, ApplicationFormPage
from home.demo import DemoSite
from home.demo.site import ensure_child, publish
from home.demo.translation import resync, translate


def _course(slug: str) -> CoursePage:
    return CoursePage.objects.get(
        slug=slug, locale__language_code=settings.LANGUAGE_CODE
    )


def _attach(course: CoursePage, form: ApplicationFormPage, user) -> None:
    """Make the form the course's call to action, once."""
    if course.form_page_id != form.pk:
        course.form_page = form
        publish(course, user)


def build_application(demo_site: DemoSite) -> ApplicationFormPage:
    course = _course("compassionate-leadership")
    form = ensure_child(
        course,
        ApplicationFormPage,
        "apply",
        demo_site.admin,
        title="Apply for Compassionate Leadership Training",
        intro=(
            "Places are limited so that every group can talk openly. The "
            "facilitators read each application and reply to everyone."
        ),
        thank_you_text=(
            "A facilitator will read your application and email you within ten "
            "working days, usually with a short call to talk it through."
        ),
        team_addresses="courses@example.org",
        acknowledgement_intro="Thank you for applying for Compassionate Leadership.",
        notification_intro="Someone has applied for Compassionate Leadership.",
        include_answers_in_notification=True,
        form_fields=[
            ApplicationFormField(
                label="Current role", field_type="singleline", required=True
            ),
            ApplicationFormField(
                label="Organisation", field_type="singleline", required=True
            ),
            ApplicationFormField(
                label="How many people do you lead?",
                field_type="number",
                required=False,
            ),
            ApplicationFormField(
                label="What do you hope to gain from the course?",
                field_type="multiline",
                required=True,
            ),
        ],
    )
    _attach(course, form, demo_site.admin)
    translate(
        course,
        "cy",
        {
            course.title: "Hyfforddiant Arweinyddiaeth Dosturiol",
            course.summary: (
                "Chwe sesiwn ar-lein wythnosol o ddwy awr i arweinwyr ym maes iechyd "
                "a gofal cymdeithasol, gyda sesiynau dilynol misol wedyn."
            ),
            **welsh_cohort_titles(course),
            "Per person": "Y pen",
        },
        user=demo_site.admin,
    )
    translate(
        form,
        "cy",
        {
            form.title: "Gwneud cais am Hyfforddiant Arweinyddiaeth Dosturiol",
            form.intro: (
                "Mae'r lleoedd yn brin er mwyn i bob grŵp allu siarad yn agored. "
                "Mae'r hwyluswyr yn darllen pob cais ac yn ateb pawb."
            ),
            form.thank_you_text: (
                "Bydd hwylusydd yn darllen eich cais ac yn anfon e-bost atoch o "
                "fewn deg diwrnod gwaith."
            ),
            form.acknowledgement_intro: "Diolch am wneud cais.",
            "Current role": "Eich rôl bresennol",
            "Organisation": "Sefydliad",
            "How many people do you lead?": "Sawl person ydych chi'n eu harwain?",
            "What do you hope to gain from the course?": (
                "Beth ydych chi'n gobeithio ei gael o'r cwrs?"
            ),
        },
        user=demo_site.admin,
    )
    return form


def build_booking(demo_site: DemoSite) -> ApplicationFormPage:
    course = _course("creative-writing-for-empathy")
    form = ensure_child(
        course,
        ApplicationFormPage,
        "book",
        demo_site.admin,
        title="Book Introduction to Creative Writing for Empathy",
        intro=(
            "Choose a date and a price. Booking for a team? The block price books "
            "10 places, and we email you a link to name the people coming."
        ),
        thank_you_text=(
            "We will email an invoice or payment link within three working days, "
            "then the joining link a week before the workshop."
        ),
        team_addresses="courses@example.org",
        acknowledgement_intro="Thank you for booking a place.",
        notification_intro="A place has been booked on the writing workshop.",
        include_answers_in_notification=True,
        # The price, number of places and who pays are the form's own questions.
        form_fields=[
            ApplicationFormField(
                label="Organisation", field_type="singleline", required=False
            ),
        ],
    )
    _attach(course, form, demo_site.admin)
    translate(
        course,
        "cy",
        {
            course.title: "Cyflwyniad i Ysgrifennu Creadigol er Empathi",
            "Standard": "Safonol",
            "Introductory rate": "Cyfradd gyflwyniadol",
            "A special rate while the workshop is new.": (
                "Cyfradd arbennig tra bo'r gweithdy'n newydd."
            ),
            "Block booking": "Archeb bloc",
        },
        user=demo_site.admin,
    )
    translate(
        form,
        "cy",
        {
            form.title: "Archebu Cyflwyniad i Ysgrifennu Creadigol er Empathi",
            form.intro: (
                "Dewiswch ddyddiad a phris. Archebu i dîm? Mae'r pris bloc yn "
                "archebu 10 lle, ac rydym yn anfon dolen atoch i enwi pwy sy'n dod."
            ),
            form.acknowledgement_intro: "Diolch am archebu lle.",
            "Organisation": "Sefydliad",
        },
        user=demo_site.admin,
    )
    return form


def build_sign_up(demo_site: DemoSite) -> ApplicationFormPage:
    """The drop-ins' sign-up: name and email, one date or the whole series."""
    course = _course("creative-empathy-hour")
    form = ensure_child(
        course,
        ApplicationFormPage,
        "join",
        demo_site.admin,
        title="Join a Creative Empathy Hour",
        intro=(
            "Choose one date or the whole series. Your place is confirmed at once; "
            "we send the joining details before each hour."
        ),
        thank_you_text="Your place is confirmed: look for the email with the details.",
        team_addresses="courses@example.org",
        acknowledgement_intro="Thank you for joining the Creative Empathy Hour.",
        notification_intro="Someone has joined the Creative Empathy Hour.",
        form_fields=[],
    )
    if course.form_page_id != form.pk:
        _attach(course, form, demo_site.admin)
        # The Welsh course was translated before it had a form: give it the form too.
        resync(course, user=demo_site.admin)
    translate(
        form,
        "cy",
        {
            form.title: "Ymuno ag Awr Empathi Greadigol",
            form.intro: (
                "Dewiswch un dyddiad neu'r gyfres gyfan. Caiff eich lle ei "
                "gadarnhau ar unwaith; rydym yn anfon y manylion ymuno cyn pob awr."
            ),
            form.thank_you_text: (
                "Mae eich lle wedi'i gadarnhau: chwiliwch am yr e-bost gyda'r manylion."
            ),
            form.acknowledgement_intro: "Diolch am ymuno ag Awr Empathi Greadigol.",
        },
        user=demo_site.admin,
    )
    return form


def build(demo_site: DemoSite) -> None:
    """Create, attach and translate the three course forms once."""
    build_application(demo_site)
    build_booking(demo_site)
    build_sign_up(demo_site)
