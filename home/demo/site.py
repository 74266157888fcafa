"""The demo site's skeleton: locales, home page, content pages, settings, admin user."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site

from home.demo.translation import translate
from home.models import ContentPage, HomePage, SiteSettings

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "cpd-demo-admin"  # noqa: S105 - printed by `make run`, demo only


@dataclass
class DemoSite:
    """What later demo builders need: the admin user, the English home page, the address."""

    admin: object
    home: HomePage
    privacy: ContentPage
    base_url: str


def _stream(*paragraphs: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def ensure_locales() -> tuple[Locale, Locale]:
    english, _ = Locale.objects.get_or_create(language_code="en-gb")
    welsh, _ = Locale.objects.get_or_create(language_code="cy")
    return english, welsh


def ensure_admin():
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={
            "email": ADMIN_EMAIL,
            "is_staff": True,
            "is_superuser": True,
            "first_name": "Demo",
            "last_name": "Administrator",
        },
    )
    if created:
        user.set_password(ADMIN_PASSWORD)
        user.save()
    return user


def publish(page: Page, user) -> Page:
    """Save a revision and publish it, as the editor's Publish button does."""
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    page.refresh_from_db()
    return page


def ensure_child(parent: Page, model, slug: str, user, **fields) -> Page:
    """Return the child page with this slug, creating and publishing it once."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return publish(page, user)


def serve_site_at(site: Site, base_url: str) -> None:
    """Point the Site record at the address the site is served on, for full URLs."""
    parts = urlsplit(base_url)
    site.hostname = parts.hostname
    site.port = parts.port or (443 if parts.scheme == "https" else 80)


def ensure_home(english: Locale, user, base_url: str) -> HomePage:
    home = HomePage.objects.filter(locale=english, depth=2).first()
    site = Site.objects.filter(is_default_site=True).first()
    if home is None:
        # A flushed database (e.g. after a transactional test) has no tree root.
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=english)
        )
        home = HomePage(
            title="Compassionate practice for health and care teams",
            slug="home",
            locale=english,
            intro=(
                "We run short, practical courses on empathy, compassion and "
                "leadership for people working in the NHS and social care."
            ),
            body=[
                (
                    "paragraph",
                    "<p>Our facilitators are clinicians, psychologists and "
                    "writers. Every course counts towards your continuing "
                    "professional development, and most take place online so "
                    "you can join from a ward office or from home.</p>",
                ),
            ],
        )
        # Wagtail's first migration leaves a placeholder at slug "home".
        placeholder = root.get_children().filter(slug="home").first()
        if placeholder is not None and not isinstance(placeholder.specific, HomePage):
            placeholder.slug = "welcome-placeholder"
            placeholder.save()
        root.add_child(instance=home)
        publish(home, user)
        if placeholder is not None:
            if site is not None and site.root_page_id == placeholder.pk:
                site.root_page = home
                site.save()
            placeholder.delete()
    if site is None:
        site = Site(root_page=home, is_default_site=True)
    site.root_page = home
    serve_site_at(site, base_url)
    site.site_name = "Demo CPD Centre"
    site.save()
    return home


WHO_WE_ARE = (
    "We are clinicians, psychologists and writers who teach what we practise: "
    "listening well, leading kindly and looking after each other at work."
)
WHO_WE_ARE_CY = (
    "Clinigwyr, seicolegwyr ac awduron ydym ni sy'n addysgu'r hyn rydym yn ei "
    "ymarfer: gwrando'n dda, arwain yn garedig a gofalu am ein gilydd yn y gwaith."
)


def ensure_home_story(home: HomePage, about: Page, user) -> HomePage:
    """Fill "who we are" and its link to About us once, as an editor would."""
    if home.who_we_are and home.about_page_id:
        return home
    draft = home.get_latest_revision_as_object()
    draft.who_we_are = draft.who_we_are or f"<p>{WHO_WE_ARE}</p>"
    draft.about_page = draft.about_page or about
    draft.upcoming_dates_shown = 6
    return publish(draft, user)


def ensure_settings(site: Site, privacy: Page) -> None:
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "Demo Centre for Compassionate Practice"
    settings.contact_email = "hello@example.org"
    settings.telephone = "0116 496 0000"
    settings.address = (
        "Demo Centre for Compassionate Practice\n1 Example Row\nLeicester\nLE1 0AA"
    )
    settings.footer_text = (
        "<p>A demonstration site. People, quotes and addresses are fictional.</p>"
    )
    settings.footer_text_cy = (
        "<p>Safle arddangos yw hwn. Mae'r bobl, y dyfyniadau a'r cyfeiriadau "
        "yn ddychmygol.</p>"
    )
    settings.privacy_page = privacy
    settings.operations_email = "operations@example.org"
    settings.save()


def build_site(base_url: str) -> DemoSite:
    """Build the skeleton; not one transaction, as wagtail-localize publishes on commit."""
    english, _welsh = ensure_locales()
    admin = ensure_admin()
    home = ensure_home(english, admin, base_url)
    about = ensure_child(
        home,
        ContentPage,
        "about",
        admin,
        title="About us",
        intro="A small team of clinicians and educators.",
        body=_stream(
            "We started as a handful of colleagues who noticed that the hardest "
            "part of care work is rarely technical. Our courses give staff room "
            "to think about how they listen, lead and look after each other.",
            "Sessions are small, practical and grounded in evidence.",
        ),
        show_in_menus=True,
    )
    privacy = ensure_child(
        home,
        ContentPage,
        "privacy",
        admin,
        title="Privacy notice",
        intro="How we use the details you send us.",
        body=_stream(
            "When you apply for a course or send an enquiry we keep your answers "
            "so that our facilitators can reply. We delete them when the "
            "retention period for that form ends.",
            "You can ask us to see or erase everything you have sent by writing "
            "to hello@example.org.",
        ),
    )
    ensure_settings(Site.objects.get(is_default_site=True), privacy)
    home = ensure_home_story(home, about, admin)

    translate(
        home,
        "cy",
        {
            home.title: "Ymarfer tosturiol i dimau iechyd a gofal",
            home.intro: (
                "Rydym yn cynnal cyrsiau byr, ymarferol ar empathi, tosturi ac "
                "arweinyddiaeth i bobl sy'n gweithio yn y GIG a gofal cymdeithasol."
            ),
            WHO_WE_ARE: WHO_WE_ARE_CY,
        },
        user=admin,
    )
    translate(about, "cy", {about.title: "Amdanom ni"}, user=admin)
    translate(privacy, "cy", {privacy.title: "Hysbysiad preifatrwydd"}, user=admin)
    return DemoSite(admin=admin, home=home, privacy=privacy, base_url=base_url)
