"""Upload checks of the first lead-image and author-photo fields, kept because old migrations import them.

Uploads are checked in ``images.validation`` now; nothing else should use this module.
"""

from django.core.exceptions import ValidationError

MAX_IMAGE_BYTES = 8 * 1024 * 1024


def image_size_limit(file):
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError("This image is too large.")
