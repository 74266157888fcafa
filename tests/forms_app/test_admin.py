"""Admin: routing permission over HTTP, submissions list and exports, detail and resend."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from forms_app.models import Delivery, EnquiryFormPage, Submission
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory
from tests.forms_app.conftest import form_data
from tests.support.admin import assert_refused

pytestmark = pytest.mark.django_db


def editor_client(home_page, *, routing: bool) -> Client:
    group = Group.objects.create(name=f"Editors {routing}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if routing:
        group.permissions.add(Permission.objects.get(codename="change_routing"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=home_page,
            permission=Permission.objects.get(codename=codename),
        )
    user = get_user_model().objects.create_user(
        f"editor{routing}", "e@example.org", "pw-editor-123"
    )
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def edit_post_data(page: EnquiryFormPage, team: str, new_rule_address: str) -> dict:
    """The edit form as a browser posts it, with a changed intro, team and new rule."""
    fields = [
        {
            "id": f.pk,
            "label": f.label,
            "help_text": f.help_text,
            "required": "on" if f.required else "",
            "field_type": f.field_type,
            "choices": f.choices,
            "default_value": f.default_value,
        }
        for f in page.form_fields.all()
    ]
    rules = [
        {"id": r.pk, "field_name": r.field_name, "value": r.value, "address": r.address}
        for r in page.routing_rules.all()
    ]
    rules.append({"field_name": "message", "value": "x", "address": new_rule_address})
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "Changed intro",
            "thank_you_text": page.thank_you_text,
            "team_addresses": team,
            "notification_intro": "",
            "acknowledgement_intro": "",
            "retention_days": "365",
            "form_fields": inline_formset(fields, initial=len(fields)),
            "routing_rules": inline_formset(rules, initial=len(rules) - 1),
            "comments": inline_formset([]),
        }
    )
    return {k: v for k, v in data.items() if v != ""}


def test_editor_without_routing_permission_cannot_see_or_change_addresses(
    home_page, enquiry_page
):
    client = editor_client(home_page, routing=False)
    url = f"/admin/pages/{enquiry_page.pk}/edit/"
    html = client.get(url).content.decode()
    assert "bespoke@example.org" not in html
    assert "dementia-lead@example.org" not in html
    assert 'name="team_addresses"' not in html

    response = client.post(
        url, edit_post_data(enquiry_page, "attacker@example.org", "thief@example.org")
    )
    assert response.status_code == 302
    enquiry_page.refresh_from_db()
    assert enquiry_page.team_addresses == "bespoke@example.org"
    latest = enquiry_page.get_latest_revision_as_object()
    assert latest.intro == "Changed intro"
    assert latest.team_addresses == "bespoke@example.org"
    assert "thief@example.org" not in [r.address for r in latest.routing_rules.all()]


def test_editor_with_routing_permission_changes_addresses(home_page, enquiry_page):
    client = editor_client(home_page, routing=True)
    url = f"/admin/pages/{enquiry_page.pk}/edit/"
    assert 'name="team_addresses"' in client.get(url).content.decode()
    response = client.post(
        url, edit_post_data(enquiry_page, "new-team@example.org", "extra@example.org")
    )
    assert response.status_code == 302
    enquiry_page.refresh_from_db()
    latest = enquiry_page.get_latest_revision_as_object()
    assert latest.team_addresses == "new-team@example.org"
    assert "extra@example.org" in [r.address for r in latest.routing_rules.all()]


def test_invalid_team_address_is_refused(home_page, enquiry_page):
    client = editor_client(home_page, routing=True)
    url = f"/admin/pages/{enquiry_page.pk}/edit/"
    response = client.post(
        url,
        edit_post_data(enquiry_page, "ok@example.org, not an address", "x@example.org"),
    )
    assert response.status_code == 200
    assert "is not a valid email address" in response.content.decode()


@pytest.fixture
def admin_client_logged(db) -> Client:
    user = get_user_model().objects.create_superuser(
        "boss", "boss@example.org", "pw-boss-1234"
    )
    client = Client()
    client.force_login(user)
    return client


def test_submissions_list_shows_reference_status_and_filters(
    admin_client_logged, enquiry_page
):
    quarantined = SubmissionFactory(
        page=enquiry_page, reference="ENQ-AAAA", status="quarantined"
    )
    SubmissionFactory(page=enquiry_page, reference="ENQ-BBBB", status="notified")
    url = f"/admin/forms/submissions/{enquiry_page.pk}/"
    html = admin_client_logged.get(url).content.decode()
    assert "ENQ-AAAA" in html and "ENQ-BBBB" in html
    assert f"/admin/forms-app/submissions/{quarantined.pk}/" in html
    filtered = admin_client_logged.get(url, {"status": "quarantined"}).content.decode()
    assert "ENQ-AAAA" in filtered and "ENQ-BBBB" not in filtered


def test_csv_and_xlsx_exports_neutralise_formulas(admin_client_logged, enquiry_page):
    SubmissionFactory(
        page=enquiry_page,
        contact_name='=HYPERLINK("http://evil.example")',
        form_data={"message": "+SUM(A1:A2)", "type_of_team": "@cmd"},
    )
    url = f"/admin/forms/submissions/{enquiry_page.pk}/"
    response = admin_client_logged.get(url, {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example")' in cells
    assert "'+SUM(A1:A2)" in cells and "'@cmd" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)

    xlsx = admin_client_logged.get(url, {"export": "xlsx"})
    sheet = load_workbook(
        io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
    ).active
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert "'+SUM(A1:A2)" in values


def submitted_in_summer(page) -> tuple[Submission, datetime]:
    """A submission sent at 12:34:56.789 UTC next July, when the UK is on BST."""
    moment = datetime(timezone.now().year + 1, 7, 1, 12, 34, 56, 789, tzinfo=UTC)
    submission = SubmissionFactory(
        page=page, reference="ENQ-TIME", contact_email="asha@example.org"
    )
    Submission.objects.filter(pk=submission.pk).update(submit_time=moment)
    return submission, moment


def test_exports_give_the_submission_date_in_uk_time_to_the_minute(
    admin_client_logged, enquiry_page
):
    _submission, moment = submitted_in_summer(enquiry_page)
    uk = f"{moment.year}-07-01 13:34"
    url = f"/admin/forms/submissions/{enquiry_page.pk}/"

    response = admin_client_logged.get(url, {"export": "csv"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert rows[0]["Submission date"] == uk

    xlsx = admin_client_logged.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=headings.index("Submission date") + 1).value
    assert cell == datetime(moment.year, 7, 1, 13, 34)

    person = admin_client_logged.get(
        "/admin/forms-app/person/", {"email": "asha@example.org", "export": "csv"}
    )
    rows = list(csv.DictReader(io.StringIO(person.content.decode())))
    assert rows[0]["submitted"] == uk


def test_detail_shows_deliveries_and_resend_queues_again(
    admin_client_logged, enquiry_page, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(page=enquiry_page, reference="ENQ-CCCC")
    delivery = DeliveryFactory(
        submission=submission,
        status="failed",
        attempts=3,
        last_error="AnymailAPIError: 503",
    )
    url = f"/admin/forms-app/submissions/{submission.pk}/"
    html = admin_client_logged.get(url).content.decode()
    assert "ENQ-CCCC" in html and "AnymailAPIError: 503" in html and "Resend" in html
    assert "<td>Team</td>" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_logged.post(f"{url}deliveries/{delivery.pk}/resend/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert mail.outbox[0].to == ["bespoke@example.org"]


def test_detail_is_denied_without_form_access(home_page, enquiry_page):
    submission = SubmissionFactory(page=enquiry_page)
    user = get_user_model().objects.create_user(
        "other", "o@example.org", "pw-other-1234"
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    response = client.get(f"/admin/forms-app/submissions/{submission.pk}/")
    assert_refused(response)
    assert submission.reference not in response.content.decode()


def test_dashboard_panel_counts_failed_and_never_notified(
    admin_client_logged, enquiry_page
):
    submission = SubmissionFactory(
        page=enquiry_page, reference="ENQ-DDDD", status="failed"
    )
    DeliveryFactory(submission=submission, status="failed", last_error="refused")
    SubmissionFactory(page=enquiry_page, status="received")
    html = admin_client_logged.get("/admin/").content.decode()
    assert "Form emails" in html
    assert "2 submissions have not yet been sent to staff" in html
    assert "ENQ-DDDD" in html


def long_ago(settings) -> datetime:
    """Further back than the stuck limit."""
    return timezone.now() - timedelta(seconds=settings.EMAIL_STUCK_SECONDS + 60)


def test_dashboard_does_not_call_an_email_waiting_for_its_retry_stuck(
    admin_client_logged, enquiry_page, settings
):
    submission = SubmissionFactory(page=enquiry_page, reference="ENQ-WAIT")
    waiting = DeliveryFactory(submission=submission, attempts=1, last_error="503")
    # Made long ago, retried recently, next try later: waiting, not stuck.
    Delivery.objects.filter(pk=waiting.pk).update(
        created_at=long_ago(settings),
        next_attempt_at=timezone.now() + timedelta(minutes=10),
    )
    html = admin_client_logged.get("/admin/").content.decode()
    assert "Form emails" in html
    assert "ENQ-WAIT" not in html
    assert "No failed or stuck emails." in html


def test_dashboard_shows_an_email_whose_retry_is_overdue(
    admin_client_logged, enquiry_page, settings
):
    submission = SubmissionFactory(page=enquiry_page, reference="ENQ-LATE")
    overdue = DeliveryFactory(submission=submission, attempts=1, last_error="503")
    Delivery.objects.filter(pk=overdue.pk).update(
        created_at=long_ago(settings), next_attempt_at=long_ago(settings)
    )
    html = admin_client_logged.get("/admin/").content.decode()
    assert "ENQ-LATE" in html
    assert "No failed or stuck emails." not in html


def test_find_export_and_erase_a_person_across_forms(
    admin_client_logged, enquiry_page, post_form
):
    post_form(enquiry_page, form_data(contact_email="Asha@Example.org", message="=1+1"))
    SubmissionFactory(page=enquiry_page, contact_email="asha@example.org")
    SubmissionFactory(page=enquiry_page, contact_email="someone@example.org")
    found = admin_client_logged.get(
        "/admin/forms-app/person/", {"email": "asha@example.org"}
    )
    assert "2 submissions" in found.content.decode()
    export = admin_client_logged.get(
        "/admin/forms-app/person/", {"email": "asha@example.org", "export": "csv"}
    )
    assert "'=1+1" in export.content.decode()
    admin_client_logged.post(
        "/admin/forms-app/person/erase/", {"email": "asha@example.org"}
    )
    assert list(Submission.objects.values_list("contact_email", flat=True)) == [
        "someone@example.org"
    ]
    assert Delivery.objects.filter(recipient__iexact="asha@example.org").count() == 0


def test_person_search_needs_the_privacy_permission(home_page, enquiry_page):
    client = editor_client(home_page, routing=True)
    assert_refused(client.get("/admin/forms-app/person/", {"email": "a@example.org"}))
