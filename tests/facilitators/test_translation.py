"""Welsh profiles: names, photos and the login are synchronised; role and bio translate."""

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import TranslationSource

from facilitators.models import FacilitatorIndexPage, FacilitatorPage
from facilitators.permissions import COMMUNICATIONS_GROUP, FACILITATORS_GROUP
from home.demo.translation import translate
from tests.factories.facilitators import PortraitFactory
from tests.support.admin import assert_refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_profile(
    home_page, index, own_profile, django_capture_on_commit_callbacks
) -> FacilitatorPage:
    # Each parent's translation must be committed before its child's.
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, "cy", {home_page.title: "Hafan prawf"})
    with django_capture_on_commit_callbacks(execute=True):
        translate(index, "cy", {index.title: "Ein hwyluswyr"})
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            own_profile,
            "cy",
            {
                own_profile.role: "Seicolegydd clinigol",
                "Runs reflective practice groups for ward teams.": (
                    "Yn cynnal grwpiau ymarfer myfyriol i dimau ward."
                ),
            },
        )
    return FacilitatorPage.objects.get(
        translation_key=own_profile.translation_key, locale__language_code="cy"
    )


def test_name_photo_and_login_are_shared_role_and_bio_translate(
    welsh_profile, own_profile, facilitator, client
):
    assert welsh_profile.title == own_profile.title
    assert welsh_profile.slug == own_profile.slug
    assert welsh_profile.photo_id == own_profile.photo_id
    assert welsh_profile.user == facilitator
    assert welsh_profile.role == "Seicolegydd clinigol"
    assert "Yn cynnal grwpiau ymarfer myfyriol" in welsh_profile.bio
    response = client.get(f"/cy/facilitators/{own_profile.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="cy">' in html
    assert "<h1>Dr Maren Ellery</h1>" in html


def test_a_new_name_and_photo_reach_the_translation_on_sync(
    welsh_profile, own_profile, django_capture_on_commit_callbacks
):
    new_photo = PortraitFactory()
    own_profile.title = "Dr Maren Ellery-Price"
    own_profile.photo = new_photo
    own_profile.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        source, _created = TranslationSource.update_or_create_from_instance(own_profile)
        source.translations.get().save_target(publish=True)
    welsh_profile.refresh_from_db()
    assert welsh_profile.title == "Dr Maren Ellery-Price"
    assert welsh_profile.photo == new_photo
    assert welsh_profile.role == "Seicolegydd clinigol"


def test_facilitators_edit_only_the_source_profile(
    welsh_profile, facilitator_client, index
):
    url = reverse("wagtailadmin_pages:edit", args=[welsh_profile.pk])
    assert_refused(facilitator_client.get(url))
    welsh_index = FacilitatorIndexPage.objects.get(
        locale=Locale.objects.get(language_code="cy")
    )
    groups = set(
        GroupPagePermission.objects.filter(page=welsh_index).values_list(
            "group__name", flat=True
        )
    )
    assert groups == {COMMUNICATIONS_GROUP}
    assert welsh_index.get_workflow().name == "Facilitator profile approval"
    assert FACILITATORS_GROUP in GroupPagePermission.objects.filter(
        page=index
    ).values_list("group__name", flat=True)


def test_field_classification(own_profile):
    fields = {
        field.field_name: field for field in get_translatable_fields(FacilitatorPage)
    }
    for name in ("title", "slug", "photo", "professional_registration", "user"):
        assert fields[name].is_synchronized(own_profile)
        assert not fields[name].is_translated(own_profile)
    for name in ("role", "bio", "pronouns"):
        assert fields[name].is_translated(own_profile)
