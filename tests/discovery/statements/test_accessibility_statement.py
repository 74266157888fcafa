"""The accessibility statement renders the UK model statement's sections in order,
shows a non-accessible content subsection only when it has entries, and reads
in Welsh through a real wagtail-localize translation."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import formats, timezone, translation

from tests.support.translation import welsh

pytestmark = pytest.mark.django_db

MODEL_ORDER = [
    ("h1", "Accessibility statement"),
    ("h2", "Using this website"),
    ("h2", "How accessible this website is"),
    ("h2", "Feedback and contact information"),
    ("h2", "Reporting accessibility problems with this website"),
    ("h2", "Enforcement procedure"),
    ("h2", "Contacting us by phone or visiting us in person"),
    ("h2", "Technical information about this website\u2019s accessibility"),
    ("h3", "Compliance status"),
    ("h2", "Non-accessible content"),
    ("h3", "Non-compliance with the accessibility regulations"),
    ("h3", "Disproportionate burden"),
    ("h3", "Content that\u2019s not within the scope of the accessibility regulations"),
    ("h2", "What we\u2019re doing to improve accessibility"),
    ("h2", "Preparation of this accessibility statement"),
]


class Headings(HTMLParser):
    """(level, text) of every heading inside <main>, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self._open: str | None = None
        self._in_main = False

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "main":
            self._in_main = True
        elif self._in_main and tag in ("h1", "h2", "h3", "h4"):
            self._open = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag) -> None:
        if tag == self._open:
            self._open = None
        elif tag == "main":
            self._in_main = False

    def handle_data(self, data) -> None:
        if self._open:
            level, text = self.headings[-1]
            self.headings[-1] = (level, (text + data).strip())


def headings(html: str) -> list[tuple[str, str]]:
    parser = Headings()
    parser.feed(html)
    return parser.headings


def fill_everything(page) -> None:
    today = timezone.localdate()
    page.known_limitations = "<ul><li>Certificate PDFs are not tagged.</li></ul>"
    page.visiting = "<p>Our building has step-free access.</p>"
    page.improvement_plan = "<p>We test every release with axe-core.</p>"
    page.reviewed_on = today - timedelta(days=3)
    page.non_compliance = [
        (
            "problem",
            {
                "problem": "Certificate PDFs have no tags for screen readers.",
                "criteria": "1.3.1 Info and relationships",
                "plan": "We will produce tagged PDFs.",
                "fix_by": today + timedelta(days=90),
            },
        )
    ]
    page.disproportionate_burden = [
        (
            "burden",
            {
                "problem": "Old course handouts are scanned images.",
                "reason": "Re-typing ten years of handouts costs more than it helps.",
                "reassess_on": today + timedelta(days=365),
            },
        )
    ]
    page.out_of_scope = [
        (
            "content",
            {
                "content": "Online sessions run in third-party meeting tools.",
                "reason": "We do not fund or control those tools.",
            },
        )
    ]
    page.save_revision().publish()


def test_every_section_in_the_model_statements_order(client, statement):
    fill_everything(statement)
    response = client.get(statement.url)
    assert response.status_code == 200
    assert headings(response.content.decode()) == MODEL_ORDER


def test_empty_subsections_and_their_heading_are_left_out(client, statement):
    html = client.get(statement.url).content.decode()
    shown = headings(html)
    for gone in (
        "Non-accessible content",
        "Non-compliance with the accessibility regulations",
        "Disproportionate burden",
        "Contacting us by phone or visiting us in person",
        "What we\u2019re doing to improve accessibility",
    ):
        assert gone not in [text for _level, text in shown]
    assert ("h3", "Compliance status") in shown

    statement.out_of_scope = [
        ("content", {"content": "Embedded videos.", "reason": "Third-party."})
    ]
    statement.save_revision().publish()
    shown = [text for _l, text in headings(client.get(statement.url).content.decode())]
    assert "Non-accessible content" in shown
    assert (
        "Content that\u2019s not within the scope of the accessibility regulations"
        in (shown)
    )
    assert "Disproportionate burden" not in shown
    assert "Non-compliance with the accessibility regulations" not in shown


def test_fixed_sentences_follow_the_chosen_status_and_body(client, statement):
    html = client.get(statement.url).content.decode()
    assert "partially compliant with the Web Content Accessibility Guidelines " in html
    assert "version 2.2 AA" in html
    assert "Equality Advisory and Support Service (EASS)" in html
    assert "No. 2) Accessibility Regulations 2018" in html
    assert "within 5 working days" in html

    statement.compliance_status = "full"
    statement.enforcement_body = "ecni"
    statement.save_revision().publish()
    html = client.get(statement.url).content.decode()
    assert "is fully compliant with the Web Content Accessibility Guidelines" in html
    assert "Equality Commission for Northern Ireland (ECNI)" in html
    assert "EASS" not in html


def test_dates_are_shown_as_set_relative_to_today(client, statement):
    fill_everything(statement)
    html = client.get(statement.url).content.decode()
    today = timezone.localdate()
    for day in (
        today - timedelta(days=30),  # prepared
        today - timedelta(days=7),  # tested
        today - timedelta(days=3),  # reviewed
        today + timedelta(days=90),  # fix by
        today + timedelta(days=365),  # reassess
    ):
        assert formats.date_format(day, "j F Y") in html


def test_welsh_statement_through_a_real_translation(client, statement, editor):
    fill_everything(statement)
    editor.submit(statement, "cy", include_subtree=False)
    page = welsh(statement)
    editor.translate(
        page,
        {
            "Accessibility statement": "Datganiad hygyrchedd",
            "Certificate PDFs have no tags for screen readers.": (
                "Nid oes tagiau i ddarllenwyr sgrin yn PDFs y tystysgrifau."
            ),
        },
    )
    editor.publish(page)
    client.logout()
    response = client.get("/cy/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="cy"' in html
    assert ("h1", "Datganiad hygyrchedd") in headings(html)
    assert "Nid oes tagiau i ddarllenwyr sgrin" in html
    # Synchronised facts: the same address and the same dates, in Welsh words.
    assert "mailto:access@example.org" in html
    with translation.override("cy"):
        prepared = formats.date_format(
            timezone.localdate() - timedelta(days=30), "j F Y"
        )
    assert prepared in html
