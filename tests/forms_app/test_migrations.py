"""Data migrations: rows written before a field existed get the value it now holds."""

from importlib import import_module

import pytest
from django.apps import apps

from forms_app.models import Delivery
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

audience_migration = import_module("forms_app.migrations.0003_delivery_audience")


def test_audience_is_filled_from_kind_and_rule(enquiry_page):
    submission = SubmissionFactory(page=enquiry_page)
    written_before = {
        ("notification", "team", "team@example.org"): "team",
        ("notification", "answer:format=In person", "a@example.org"): "answer_rule",
        ("notification", "facilitator:12", "f@example.org"): "facilitator",
        ("notification", "course-facilitator:7", "c@example.org"): "facilitator",
        ("acknowledgement", "sender", "asha@example.org"): "applicant",
        ("failure_alert", "operations", "ops@example.org"): "operations",
    }
    for kind, rule, recipient in written_before:
        # The migration adds the field with "team" in every existing row.
        DeliveryFactory(
            submission=submission,
            kind=kind,
            rule=rule,
            recipient=recipient,
            audience=Delivery.Audience.TEAM,
        )

    audience_migration.fill_audience(apps, schema_editor=None)

    filled = {(d.kind, d.rule, d.recipient): d.audience for d in Delivery.objects.all()}
    assert filled == written_before
