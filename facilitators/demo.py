"""Demo facilitators: fictional people, generated portraits and one facilitator login."""

from dataclasses import dataclass
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

from facilitators.models import FacilitatorIndexPage, FacilitatorPage
from facilitators.permissions import ensure_groups, grant_index_access
from home.demo import DemoSite
from home.demo.site import ensure_child
from home.demo.translation import translate

FACILITATOR_USERNAME = "facilitator"
FACILITATOR_PASSWORD = "cpd-demo-facilitator"  # noqa: S105 - printed by `make run`, demo only


@dataclass(frozen=True)
class DemoFacilitator:
    slug: str
    name: str
    role: str
    role_cy: str
    pronouns: str
    registration: str
    bio: str
    colour: tuple[int, int, int]
    website: str = ""


FACILITATORS = [
    DemoFacilitator(
        slug="dr-maren-ellery",
        name="Dr Maren Ellery (demo)",
        role="Writer and medical educator",
        role_cy="Awdur ac addysgwr meddygol",
        pronouns="she/her",
        registration="",
        bio=(
            "<p>Maren is a fictional writer who teaches reflective writing to "
            "medical students and ward teams. She leads our creative empathy "
            "workshops and believes anyone can write a page worth reading.</p>"
            "<ul><li>Creative writing for empathy</li>"
            "<li>Shared reading with clinical teams</li></ul>"
        ),
        colour=(0, 87, 159),
        website="https://example.org/demo/maren-ellery",
    ),
    DemoFacilitator(
        slug="tomos-ap-rhys",
        name="Tomos ap Rhys (demo)",
        role="Poet and community arts facilitator",
        role_cy="Bardd a hwylusydd celfyddydau cymunedol",
        pronouns="he/him",
        registration="",
        bio=(
            "<p>Tomos is an invented poet who runs talking circles in hospices "
            "and GP surgeries. He co-leads the lunchtime Creative Empathy Hour "
            "and brings short poems that open up long conversations.</p>"
        ),
        colour=(0, 115, 106),
    ),
    DemoFacilitator(
        slug="dr-priya-halden",
        name="Dr Priya Halden (demo)",
        role="Clinical psychologist",
        role_cy="Seicolegydd clinigol",
        pronouns="she/they",
        registration="HCPC PYL000000 (demo)",
        bio=(
            "<p>Priya is a fictional clinical psychologist with a background in "
            "community mental health services. She co-designed our "
            "compassionate leadership programme and supervises its home "
            "practice.</p>"
        ),
        colour=(76, 44, 146),
    ),
    DemoFacilitator(
        slug="sam-okafor",
        name="Sam Okafor (demo)",
        role="Mindfulness teacher and former ward manager",
        role_cy="Athro ymwybyddiaeth ofalgar a chyn-reolwr ward",
        pronouns="",
        registration="NMC PIN 00A0000A (demo)",
        bio=(
            "<p>Sam is an invented nurse who managed an older people's ward "
            "before training as a mindfulness teacher. Sam co-leads the "
            "compassionate leadership sessions.</p>"
        ),
        colour=(122, 23, 16),
    ),
]


# Which demo facilitators lead which of the courses app's seed courses.
def portrait(person: DemoFacilitator) -> Image:
    """A plain generated portrait with initials, made once per demo person."""
    title = f"Demo portrait: {person.name}"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PILImage.new("RGB", (600, 750), person.colour)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((180, 170, 420, 410), fill=(255, 255, 255))
    draw.rectangle((120, 470, 480, 750), fill=(255, 255, 255))
    buffer = BytesIO()
    canvas.save(buffer, format="PNG")
    image = Image(title=title, focal_point_x=300, focal_point_y=290)
    image.focal_point_width = 240
    image.focal_point_height = 240
    image.file = ImageFile(buffer, name=f"demo-{person.slug}.png")
    image.save()
    return image


def ensure_facilitator_login(profile: FacilitatorPage):
    """The demo facilitator login, owning one profile, with a printed password."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=FACILITATOR_USERNAME,
        defaults={
            "email": "facilitator@example.org",
            "first_name": "Maren",
            "last_name": "Ellery",
        },
    )
    if created:
        user.set_password(FACILITATOR_PASSWORD)
        user.save()
    user.groups.add(ensure_groups()[0])
    if profile.user_id != user.pk:
        FacilitatorPage.objects.filter(translation_key=profile.translation_key).update(
            user=user, owner=user
        )
    return user


def build(demo_site: DemoSite) -> str:
    """Add the facilitator index, the demo profiles and their Welsh translations."""
    admin = demo_site.admin
    index = ensure_child(
        demo_site.home,
        FacilitatorIndexPage,
        "facilitators",
        admin,
        title="Our facilitators",
        intro=(
            "Clinicians, psychologists and writers who lead our courses. "
            "Everyone listed on this demonstration site is fictional."
        ),
        show_in_menus=True,
    )
    grant_index_access(index)
    profiles = []
    for person in FACILITATORS:
        profile = ensure_child(
            index,
            FacilitatorPage,
            person.slug,
            admin,
            title=person.name,
            role=person.role,
            pronouns=person.pronouns,
            professional_registration=person.registration,
            bio=person.bio,
            photo=portrait(person),
            links=(
                [("link", {"label": "Website", "url": person.website})]
                if person.website
                else []
            ),
        )
        profiles.append(profile)
    translate(index, "cy", {index.title: "Ein hwyluswyr"}, user=admin)
    for person, profile in zip(FACILITATORS, profiles, strict=True):
        translate(profile, "cy", {person.role: person.role_cy}, user=admin)
    ensure_facilitator_login(profiles[0])
    return (
        f"Facilitator login: {demo_site.base_url}{reverse('wagtailadmin_home')}  "
        f"username {FACILITATOR_USERNAME}  password {FACILITATOR_PASSWORD}"
    )
