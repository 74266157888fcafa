"""The demo's accessibility statement and cookies page, in English and Welsh.

The statement says only what this code base shows: what its browser tests check,
and the problems that are really here (untagged PDFs, third-party meeting tools
and video players, English left on Welsh pages until translated).
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page, Site

from home.demo.site import DemoSite, ensure_child
from home.demo.translation import translate
from home.models import AccessibilityStatementPage, CookiesPage, HomePage, SiteSettings

STATEMENT_SLUG = "accessibility"
COOKIES_SLUG = "cookies"


def _html(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _list(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


USING_THE_SITE = _html("You should be able to:") + _list(
    "change colours and fonts with your browser or device settings",
    "zoom in up to 200% and read pages at 320 pixels wide without scrolling sideways",
    "get from the top of every page to its main content with the “Skip to main "
    "content” link, and use every link, button and form with a keyboard alone",
    "find your way with a screen reader: every page has landmarks, headings in "
    "order, labelled form fields and, when a form has a problem, a summary of "
    "the errors at the top",
    "read every page in English or Welsh, with the language marked for screen readers",
)

KNOWN_LIMITATIONS = _list(
    "certificates and CPD records download as PDF files that are not tagged, so "
    "screen readers may read them out of order",
    "on Welsh pages, some text appears in English until it has been translated",
    "live online sessions take place in third-party meeting tools, whose "
    "accessibility we do not control",
    "embedded videos play in the video service's own player",
)

TEST_METHOD = _html(
    "The website's own automated tests check it on every change. They open "
    "every page type, and every form empty, with errors and after sending, in "
    "English and in Welsh, in the Chromium browser, and run axe-core against "
    "WCAG 2.2 A and AA at 390 and 1280 pixels wide and at 200% zoom. They check "
    "that each page reflows without sideways scrolling at 320 pixels, that the "
    "skip link comes first and every focusable element shows where the focus "
    "is, and that the application form can be completed with a keyboard alone.",
    "Automated tools find only some problems. Our testing procedure also asks a "
    "person to check with screen readers, forced colours and 400% zoom; those "
    "manual checks are not yet recorded for this version of the website.",
)


def statement_fields(base_url: str, contact_email: str) -> dict:
    """The statement's facts, with dates counted back from today."""
    today = timezone.localdate()
    return {
        "title": "Accessibility statement",
        "search_description": "How accessible this website is, and how to tell us "
        "about a problem.",
        "scope": f"This accessibility statement applies to {base_url}, in English "
        "and in Welsh.",
        "using_the_site": USING_THE_SITE,
        "known_limitations": KNOWN_LIMITATIONS,
        "alternative_formats": _html(
            "If you need information on this website in a different format, such "
            "as large print, easy read or audio, email us and say what you need."
        ),
        "contact_email": contact_email,
        "response_days": 5,
        "compliance_status": "partial",
        "enforcement_body": "ehrc",
        "non_compliance": [
            (
                "problem",
                {
                    "problem": "Certificates and CPD records are PDF files without "
                    "tags, so a screen reader cannot tell their headings and table "
                    "cells apart.",
                    "criteria": "1.3.1 Info and relationships",
                    "plan": "We will produce tagged PDFs. Until then, the "
                    "certificate check page shows the same facts as a web page, "
                    "and the CPD record can be downloaded as a spreadsheet (CSV).",
                    "fix_by": today + timedelta(days=180),
                },
            )
        ],
        "out_of_scope": [
            (
                "content",
                {
                    "content": "Live online sessions, held in Microsoft Teams or "
                    "another meeting tool.",
                    "reason": "Live audio and video, and tools we neither fund "
                    "nor control, are outside the regulations. Tell us before the "
                    "session what you need.",
                },
            ),
            (
                "content",
                {
                    "content": "Videos embedded from YouTube or Vimeo.",
                    "reason": "The players are third-party content that we do "
                    "not fund, develop or control.",
                },
            ),
        ],
        "improvement_plan": _html(
            "Every change to the website runs the automated checks described "
            "below. Our next step is tagged PDFs for certificates and CPD records."
        ),
        "test_method": TEST_METHOD,
        "prepared_on": today - timedelta(days=30),
        "tested_on": today - timedelta(days=1),
        "reviewed_on": today - timedelta(days=1),
    }


COOKIES_FIELDS = {
    "title": "Cookies",
    "intro": "Cookies are small files a website saves on your device. We only use "
    "the few this website needs to work.",
    "body": [
        (
            "paragraph",
            "<p>You can browse courses without any cookie. Opening a form sets one "
            "that protects it from forgery; staff who sign in get one that keeps "
            "them signed in. We do not use advertising or tracking cookies.</p>",
        )
    ],
}


def move_aside_old_page(home: HomePage, slug: str, model) -> None:
    """An older demo built a plain content page at this slug: delete it and its copies."""
    old = Page.objects.child_of(home).filter(slug=slug).first()
    if old is None or isinstance(old.specific, model):
        return
    Page.objects.filter(translation_key=old.translation_key).exclude(pk=old.pk).delete()
    old.delete()


def ensure_page(home: HomePage, model, slug: str, user, fields: dict) -> Page:
    move_aside_old_page(home, slug, model)
    return ensure_child(home, model, slug, user, **fields)


def build(demo_site: DemoSite) -> None:
    """The statement and cookies page, translated into Welsh and linked in settings."""
    build_statements(demo_site.home, demo_site.admin, demo_site.base_url)


def build_statements(home: HomePage, user, base_url: str) -> tuple[Page, Page]:
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    statement = ensure_page(
        home,
        AccessibilityStatementPage,
        STATEMENT_SLUG,
        user,
        statement_fields(base_url, settings.contact_email or "hello@example.org"),
    )
    cookies = ensure_page(home, CookiesPage, COOKIES_SLUG, user, COOKIES_FIELDS)
    settings.accessibility_page = statement
    settings.cookies_page = cookies
    settings.save()
    scope = statement_fields(base_url, "")["scope"]
    welsh_scope = (
        f"Mae'r datganiad hygyrchedd hwn yn berthnasol i {base_url}, yn Saesneg ac "
        "yn Gymraeg."
    )
    translate(statement, "cy", {**WELSH_STATEMENT, scope: welsh_scope}, user=user)
    translate(cookies, "cy", WELSH_COOKIES, user=user)
    return statement, cookies


WELSH_STATEMENT = {
    "Accessibility statement": "Datganiad hygyrchedd",
    "How accessible this website is, and how to tell us about a problem.": (
        "Pa mor hygyrch yw'r wefan hon, a sut i ddweud wrthym am broblem."
    ),
    "You should be able to:": "Dylech allu:",
    "If you need information on this website in a different format, such as large "
    "print, easy read or audio, email us and say what you need.": (
        "Os oes angen gwybodaeth ar y wefan hon arnoch mewn fformat gwahanol, fel "
        "print bras, fersiwn hawdd ei deall neu sain, anfonwch e-bost atom a "
        "dywedwch beth sydd ei angen arnoch."
    ),
    "certificates and CPD records download as PDF files that are not tagged, so "
    "screen readers may read them out of order": (
        "mae tystysgrifau a chofnodion DPP yn cael eu llwytho i lawr fel ffeiliau "
        "PDF heb dagiau, felly gall darllenwyr sgrin eu darllen yn y drefn anghywir"
    ),
    "on Welsh pages, some text appears in English until it has been translated": (
        "ar dudalennau Cymraeg, mae rhywfaint o destun yn ymddangos yn Saesneg nes "
        "iddo gael ei gyfieithu"
    ),
    "live online sessions take place in third-party meeting tools, whose "
    "accessibility we do not control": (
        "cynhelir sesiynau byw ar-lein mewn offer cyfarfod trydydd parti, ac nid "
        "ydym yn rheoli eu hygyrchedd"
    ),
    "embedded videos play in the video service's own player": (
        "mae fideos wedi'u mewnosod yn chwarae yn chwaraewr y gwasanaeth fideo ei hun"
    ),
    "Certificates and CPD records are PDF files without tags, so a screen reader "
    "cannot tell their headings and table cells apart.": (
        "Mae tystysgrifau a chofnodion DPP yn ffeiliau PDF heb dagiau, felly ni all "
        "darllenydd sgrin wahaniaethu rhwng eu penawdau a chelloedd eu tablau."
    ),
    "Videos embedded from YouTube or Vimeo.": (
        "Fideos wedi'u mewnosod o YouTube neu Vimeo."
    ),
}

WELSH_COOKIES = {
    "Cookies": "Cwcis",
    COOKIES_FIELDS["intro"]: (
        "Ffeiliau bach y mae gwefan yn eu cadw ar eich dyfais yw cwcis. Dim ond y "
        "rhai sydd eu hangen ar y wefan hon i weithio rydym yn eu defnyddio."
    ),
}
