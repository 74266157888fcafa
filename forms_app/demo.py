"""Demo content: the bespoke team-workshop enquiry form, in English and Welsh."""

from django.conf import settings
from wagtail.models import Site

from courses.models import CoursePage
from forms_app.models import EnquiryFormField, EnquiryFormPage, EnquiryRoutingRule
from home.demo import DemoSite
from home.demo.site import ensure_child, publish
from home.demo.translation import translate
from home.models import SiteSettings

BESPOKE_COURSE = "bespoke-team-workshops"

TEAM_TYPES = "Acute ward\nDementia care\nMental health\nPrimary care\nOther"
TEAM_TYPES_CY = (
    "Ward acíwt<br/>Gofal dementia<br/>Iechyd meddwl<br/>Gofal sylfaenol<br/>Arall"
)
FORMATS = "Online\nIn person"


def _questions() -> list[EnquiryFormField]:
    return [
        EnquiryFormField(
            label="Organisation or service",
            field_type="singleline",
            required=True,
            help_text="For example the ward, practice or trust.",
        ),
        EnquiryFormField(
            label="Type of team",
            field_type="dropdown",
            required=True,
            choices=TEAM_TYPES,
        ),
        EnquiryFormField(
            label="Format", field_type="radio", required=True, choices=FORMATS
        ),
        EnquiryFormField(label="Number of people", field_type="number", required=False),
        EnquiryFormField(
            label="What would you like the session to help with?",
            field_type="multiline",
            required=True,
        ),
    ]


def register_interest_through(page: EnquiryFormPage, user) -> None:
    """Make the form the site's default enquiry page and the bespoke course's form, once."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if site_settings.enquiry_page_id != page.pk:
        site_settings.enquiry_page = page
        site_settings.save()
    course = CoursePage.objects.get(
        slug=BESPOKE_COURSE, locale__language_code=settings.LANGUAGE_CODE
    )
    if course.form_page_id != page.pk:
        course.form_page = page
        publish(course, user)


def build(demo_site: DemoSite) -> None:
    """Create and publish the enquiry form once, with its routing rules and Welsh copy."""
    page = ensure_child(
        demo_site.home,
        EnquiryFormPage,
        "bespoke-workshops",
        demo_site.admin,
        title="Ask about a workshop for your team",
        intro=(
            "We shape each bespoke session around one team: its work, its pressures "
            "and what it wants to get better at. Tell us a little about yours and we "
            "will arrange a short call."
        ),
        thank_you_text=(
            "One of our facilitators will read your answers and email you within "
            "five working days to find a time to talk."
        ),
        team_addresses="bespoke@example.org",
        acknowledgement_intro="Thank you for asking about a workshop for your team.",
        notification_intro="A team has asked about a bespoke workshop.",
        include_answers_in_notification=True,
        retention_days=365,
        show_in_menus=True,
        form_fields=_questions(),
        routing_rules=[
            EnquiryRoutingRule(
                field_name="type_of_team",
                value="Dementia care",
                address="dementia-lead@example.org",
            ),
            EnquiryRoutingRule(
                field_name="format", value="In person", address="venues@example.org"
            ),
        ],
    )
    translate(
        page,
        "cy",
        {
            page.title: "Holi am weithdy i'ch tîm",
            page.intro: (
                "Rydym yn llunio pob sesiwn bwrpasol o gwmpas un tîm. Dywedwch "
                "ychydig wrthym am eich tîm chi a byddwn yn trefnu galwad fer."
            ),
            page.thank_you_text: (
                "Bydd un o'n hwyluswyr yn darllen eich atebion ac yn anfon e-bost "
                "atoch o fewn pum diwrnod gwaith."
            ),
            page.acknowledgement_intro: "Diolch am holi am weithdy i'ch tîm.",
            "Organisation or service": "Sefydliad neu wasanaeth",
            "For example the ward, practice or trust.": (
                "Er enghraifft y ward, y practis neu'r ymddiriedolaeth."
            ),
            "Type of team": "Math o dîm",
            TEAM_TYPES.replace("\n", "<br/>"): TEAM_TYPES_CY,
            "Format": "Fformat",
            "Online<br/>In person": "Ar-lein<br/>Wyneb yn wyneb",
            "Number of people": "Nifer y bobl",
            "What would you like the session to help with?": (
                "Beth hoffech chi i'r sesiwn helpu gydag ef?"
            ),
        },
        user=demo_site.admin,
    )
    register_interest_through(page, demo_site.admin)
