"""StreamField blocks for resource pages.

Videos are never embedded in an iframe: a pupil's browser must make no
third-party request, and the content security policy frames nothing. A video
block shows a plain link (the visitor chooses to go to the video's site) with
an optional transcript on the page.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    description = blocks.CharBlock(
        required=False, max_length=200, help_text="What is in the file, in a few words."
    )

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_block.html"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150)
    video = EmbedBlock(help_text="The address of the video on YouTube or Vimeo.")
    duration = blocks.CharBlock(required=False, max_length=20, help_text="For example: 4 minutes.")
    transcript = blocks.RichTextBlock(required=False, features=["bold", "italic", "ul"])

    class Meta:
        icon = "media"
        template = "cms/blocks/video_block.html"


class ResourceBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", template="cms/blocks/heading_block.html", icon="title"
    )
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="cms/blocks/paragraph_block.html"
    )
    image = ImageBlock(template="cms/blocks/image_block.html")
    document = DocumentBlock()
    video = VideoBlock()
