"""A form's questions keep an order when a revision is published without the editor.

Scheduled publishing publishes a stored revision as it is. A revision saved
before rows were numbered holds them with no position, and an empty position
orders nothing: PostgreSQL could then ask the questions in any order.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from forms_app.models import EnquiryFormField

pytestmark = pytest.mark.django_db


def _labels_in_page_order(html: str, labels: list[str]) -> list[str]:
    return sorted(labels, key=html.index)


def test_a_scheduled_revision_with_unnumbered_questions_keeps_its_order(
    client, enquiry_page
):
    stored = ["Type of team", "Format", "Message"]
    revision = enquiry_page.save_revision()
    questions = revision.content["form_fields"]
    assert [q["label"] for q in questions] == stored
    # As a revision saved before positions were kept: none, in another order.
    for question in questions:
        question["sort_order"] = None
    revision.content["form_fields"] = list(reversed(questions))
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()

    call_command("publish_scheduled", verbosity=0)

    rows = EnquiryFormField.objects.filter(page=enquiry_page)
    assert not rows.filter(sort_order__isnull=True).exists()
    assert [row.label for row in rows.order_by("sort_order")] == stored[::-1]
    html = client.get(enquiry_page.url).content.decode()
    assert _labels_in_page_order(html, stored) == stored[::-1]
