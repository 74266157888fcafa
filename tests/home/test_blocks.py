"""Each body block renders semantic HTML from a realistic value and validates input."""

import pytest
from django.core.exceptions import ValidationError
from wagtail_factories import ImageFactory

from home.blocks import (
    BodyStreamBlock,
    CallToActionBlock,
    HeadingBlock,
    ImageBlock,
    LinkBlock,
    QuoteBlock,
)
from home.models import SiteSettings


def test_heading_block_renders_the_chosen_level():
    block = HeadingBlock()
    html = block.render(block.to_python({"text": "Dates", "level": "h3"}))
    assert html.strip() == "<h3>Dates</h3>"


def test_quote_block_renders_blockquote_and_attribution():
    block = QuoteBlock()
    html = block.render(
        block.to_python({"quote": "A calm hour.", "attribution": "Ward sister"})
    )
    assert "<blockquote><p>A calm hour.</p></blockquote>" in html
    assert "<figcaption>Ward sister</figcaption>" in html


def test_rich_text_is_limited_to_h2_to_h4():
    features = BodyStreamBlock().child_blocks["paragraph"].features
    assert "h1" not in features
    assert {"h2", "h3", "h4"} <= set(features)


@pytest.mark.django_db
def test_image_block_needs_alt_text_unless_decorative():
    block = ImageBlock()
    image = ImageFactory()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": ""}))
    value = block.clean(block.to_python({"image": image.pk, "decorative": True}))
    html = block.render(value)
    assert 'alt=""' in html
    described = block.clean(
        block.to_python({"image": image.pk, "alt_text": "Two nurses talking"})
    )
    assert 'alt="Two nurses talking"' in block.render(described)


def test_call_to_action_needs_exactly_one_destination():
    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "Go", "button_label": "Go"}))
    value = block.clean(
        block.to_python(
            {
                "heading": "Bring this to your team",
                "button_label": "Send an enquiry",
                "external_url": "https://example.org/enquire",
            }
        )
    )
    html = block.render(value)
    assert '<a class="button" href="https://example.org/enquire">' in html
    assert "<h2>Bring this to your team</h2>" in html


def test_link_block_renders_a_named_link():
    block = LinkBlock()
    value = block.to_python({"label": "ORCID", "url": "https://orcid.org/0000-0001"})
    assert block.render(value).strip() == (
        '<a href="https://orcid.org/0000-0001">ORCID</a>'
    )


@pytest.mark.django_db
def test_footer_shows_social_links_through_the_link_block(client, home_page):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.social_links = [
        ("link", {"label": "Bluesky", "url": "https://example.org/bluesky"})
    ]
    settings.save()
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    assert '<a href="https://example.org/bluesky">Bluesky</a>' in footer
