"""Uploads through the real admin views are limited in size and type, and
documents download as attachments that browsers may not sniff or render."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(
        get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    )
    return client


def png(padding: int = 0) -> bytes:
    """A real 8 by 8 PNG, padded after its end to make it as large as a test needs."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue() + b"\0" * padding


def pdf(size: int = 0) -> bytes:
    head = b"%PDF-1.4\n%%EOF\n"
    return head + b"0" * max(0, size - len(head))


def form_errors(response) -> str:
    return response.content.decode()


def test_an_image_over_the_limit_is_refused_with_the_limit(admin_client):
    big = png(padding=5 * 1024 * 1024)
    just_under = png(padding=5 * 1024 * 1024 - len(png()))
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Ward", "file": SimpleUploadedFile("ward.png", big, "image/png")},
    )
    assert response.status_code == 200
    assert "This file is too big" in form_errors(response)
    assert "Maximum filesize 5.0" in form_errors(response)
    assert not get_image_model().objects.exists()

    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Ward", "file": SimpleUploadedFile("w.png", just_under, "image/png")},
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().title == "Ward"


def test_an_svg_image_is_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Logo", "file": SimpleUploadedFile("logo.svg", svg, "image/svg+xml")},
    )
    assert response.status_code == 200
    assert "Not a supported image format" in form_errors(response)
    assert not get_image_model().objects.exists()


def test_a_document_over_the_limit_is_refused_with_the_limit(admin_client):
    big = pdf(10 * 1024 * 1024 + 1)
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Handbook",
            "file": SimpleUploadedFile("handbook.pdf", big, "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Documents can be at most 10.0" in form_errors(response)
    assert not get_document_model().objects.exists()


def test_a_document_over_the_limit_is_refused_by_the_multiple_upload_too(
    admin_client,
):
    big = pdf(10 * 1024 * 1024 + 1)
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("handbook.pdf", big, "application/pdf")},
    )
    result = response.json()
    assert result["success"] is False
    assert "Documents can be at most 10.0" in result["error_message"]
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("page.html", "text/html"), ("logo.svg", "image/svg+xml")],
)
def test_html_and_svg_documents_are_refused(admin_client, name, content_type):
    body = b"<html><script>alert(1)</script></html>"
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Page", "file": SimpleUploadedFile(name, body, content_type)},
    )
    assert response.status_code == 200
    assert "File extension" in form_errors(response)
    assert "is not allowed" in form_errors(response)
    assert not get_document_model().objects.exists()


def test_a_pdf_downloads_as_an_attachment_that_may_not_be_sniffed(admin_client, client):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Handbook",
            "file": SimpleUploadedFile("handbook.pdf", pdf(), "application/pdf"),
        },
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    client.logout()

    download = client.get(document.url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert "handbook" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Security-Policy"] == "default-src 'none'"
