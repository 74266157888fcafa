"""Images are shown at the sizes the layout uses, and every rendition is made on
upload or publish, never while a visitor waits."""

import io
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from home.models import ContentPage
from home.renditions import SPECS, all_filter_specs
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
    PortraitFactory,
)
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(
        get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    )
    return client


@pytest.fixture
def no_rendition_in_requests(monkeypatch):
    """From here on, making a rendition fails the test."""

    def refuse(self, *filters):
        if not filters:
            return {}
        raise AssertionError(f"rendition made during a request: {filters}")

    def arm():
        monkeypatch.setattr(AbstractImage, "create_renditions", refuse)
        monkeypatch.setattr(AbstractImage, "create_rendition", refuse)

    return arm


def jpeg(width: int = 1400, height: int = 1000) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


def publish(page, on_commit):
    with on_commit(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_an_upload_makes_every_rendition_the_templates_use(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/images/add/",
            {
                "title": "Ward",
                "file": SimpleUploadedFile("ward.jpg", jpeg(), "image/jpeg"),
            },
        )
    assert response.status_code == 302
    image = get_image_model().objects.get()
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(all_filter_specs())
    assert any("format-avif" in spec for spec in made)


def test_visitors_never_wait_for_a_rendition_of_an_uploaded_photo(
    home_page, django_capture_on_commit_callbacks, client, no_rendition_in_requests
):
    with django_capture_on_commit_callbacks(execute=True):
        photos = [PortraitFactory() for _ in range(4)]
    index = publish(
        FacilitatorIndexPageFactory(parent=home_page),
        django_capture_on_commit_callbacks,
    )
    profiles = [
        publish(
            FacilitatorPageFactory(parent=index, photo=photo),
            django_capture_on_commit_callbacks,
        )
        for photo in photos
    ]
    no_rendition_in_requests()

    profile = client.get(profiles[0].url)
    listing = client.get(index.url)

    assert profile.status_code == 200
    assert listing.status_code == 200
    assert "image/avif" in profile.text and "image/webp" in profile.text


def test_publishing_makes_renditions_of_images_already_in_the_library(
    home_page, django_capture_on_commit_callbacks, client, no_rendition_in_requests
):
    # Images uploaded before this feature (or before a spec changed) have none.
    body_image = PortraitFactory()
    portrait = PortraitFactory()
    for image in (body_image, portrait):
        image.renditions.all().delete()
    index = FacilitatorIndexPageFactory(parent=home_page)
    profile = FacilitatorPageFactory(parent=index, photo=portrait)
    page = ContentPageFactory(parent=home_page)
    page.body = [
        (
            "image",
            {"image": body_image, "alt_text": "A ward", "decorative": False},
        )
    ]
    page.save()

    publish(index, django_capture_on_commit_callbacks)
    publish(profile, django_capture_on_commit_callbacks)
    page = publish(
        ContentPage.objects.get(pk=page.pk), django_capture_on_commit_callbacks
    )
    no_rendition_in_requests()

    assert client.get(page.url).status_code == 200
    assert client.get(profile.url).status_code == 200
    assert body_image.renditions.count() == len(all_filter_specs())


def test_generate_renditions_command_fills_in_existing_images(home_page):
    images = [PortraitFactory() for _ in range(2)]
    for image in images:
        image.renditions.all().delete()
    out = StringIO()

    call_command("generate_renditions", stdout=out)

    for image in images:
        assert image.renditions.count() == len(all_filter_specs())
    assert "2 images" in out.getvalue()


def test_pictures_carry_sizes_dimensions_and_lazy_loading_below_the_fold(
    home_page, django_capture_on_commit_callbacks, client
):
    index = publish(
        FacilitatorIndexPageFactory(parent=home_page),
        django_capture_on_commit_callbacks,
    )
    profiles = [
        publish(
            FacilitatorPageFactory(parent=index, photo=PortraitFactory()),
            django_capture_on_commit_callbacks,
        )
        for _ in range(5)
    ]

    listing = client.get(index.url).text
    profile = client.get(profiles[0].url).text

    cards = re.findall(r"<img [^>]*>", listing)
    assert len(cards) == 5
    for img in cards:
        assert 'width="160"' in img and 'height="160"' in img
        assert f'sizes="{SPECS["facilitator_card"][1]}"' in img
    assert all("loading" not in img for img in cards[:3])
    assert all(
        'loading="lazy"' in img and 'decoding="async"' in img for img in cards[3:]
    )
    (photo,) = re.findall(r"<img [^>]*>", profile)
    assert "loading" not in photo
    assert f'sizes="{SPECS["facilitator_photo"][1]}"' in photo
    assert 'width="320"' in photo and 'height="400"' in photo
    # Two widths of AVIF (the 600px upload caps the larger one at 600).
    assert re.search(
        r'srcset="\S+\.avif 320w, \S+\.avif 600w" type="image/avif"', profile
    )
