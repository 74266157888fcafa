"""StreamField blocks shared by every page type's body."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Editors get headings h2-h4 only: the page title is the one h1.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Heading text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        help_text=_("Use level 2 for main sections and 3 or 4 inside them."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading, level 2 to 4.")
        preview_value = {"text": "What you will learn", "level": "h2"}


class LinkBlock(blocks.StructBlock):
    """A named link to another website: a profile, a registry entry, a social account."""

    label = blocks.CharBlock(
        max_length=60, help_text=_("What the link says, for example ORCID or Bluesky.")
    )
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        template = "blocks/link_block.html"
        label = _("Link")
        description = _("A named link to another website.")
        preview_value = {"label": "ORCID", "url": "https://orcid.org/"}


class ImageValue(blocks.StructValue):
    def alt(self) -> str:
        """The text alternative; empty for a decorative image."""
        return "" if self.get("decorative") else self.get("alt_text", "")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Leave empty only if the image is decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text=_("Tick if the image adds nothing to the text around it."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not value.get("alt_text", "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ErrorList(
                        [
                            ValidationError(
                                _("Add alt text, or mark the image as decorative.")
                            )
                        ]
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        value_class = ImageValue
        label = _("Image")
        description = _("An image with alt text, or marked as decorative.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=1000)
    attribution = blocks.CharBlock(required=False, max_length=150)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A short quotation with who said it.")
        preview_value = {
            "quote": "Taking an hour to write together changed how our team talks.",
            "attribution": "Ward manager, community hospital",
        }


class CallToActionValue(blocks.StructValue):
    def url(self) -> str:
        page = self.get("page")
        return page.localized.url if page else self.get("external_url", "")


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    button_label = blocks.CharBlock(max_length=60)
    page = blocks.PageChooserBlock(required=False)
    external_url = blocks.URLBlock(required=False, label=_("External URL"))

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            message = _("Choose a page or give an external URL, not both.")
            raise StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(message)])}
            )
        return value

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        value_class = CallToActionValue
        label = _("Call to action")
        description = _("A highlighted box that leads visitors to one next step.")
        preview_value = {
            "heading": "Bring this to your team",
            "text": "We shape sessions around your service.",
            "button_label": "Send an enquiry",
            "external_url": "https://example.org/",
        }


class CaptionedEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(help_text=_("A video or audio address, e.g. from YouTube."))
    title = blocks.CharBlock(
        max_length=150,
        help_text=_("What the embedded media is; read out by screen readers."),
    )

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"
        label = _("Embedded media")
        description = _("A video or other media from another site, with a title.")


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        label=_("Rich text"),
        description=_("Paragraphs, lists and links."),
        preview_value="<p>Each session mixes short writing prompts with talk.</p>",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = CaptionedEmbedBlock()
