"""Upload rules for images (WAGTAILIMAGES_IMAGE_FORM_BASE points here).

Wagtail checks the limits (WAGTAILIMAGES_MAX_IMAGE_PIXELS from the file's header,
before any decoding; WAGTAILIMAGES_MAX_UPLOAD_SIZE in bytes); this form says
at the field what to do about them.
"""

from wagtail.images.forms import BaseImageForm

MESSAGES = {
    "file_too_many_pixels": (
        "The image is too large (%(num_pixels)s pixels). Resize it to at most "
        "%(max_pixels_count)s pixels, for example 6000 by 4000, and upload it again."
    ),
    "file_too_large": (
        "The file is too big (%(file_size)s). Upload an image smaller than "
        "%(max_filesize)s: save it at a lower quality or a smaller size."
    ),
}


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].error_messages.update(MESSAGES)
