"""Bringing a file that is already in storage into the library (data migrations, imports).

Works with a migration's historical ``Image`` model as well as the real one: the file goes through
the same gate and cleaning as an upload, and its renditions are made at once.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from newsroom.text import normalize_line

from . import renditions
from .validation import clean_upload

logger = logging.getLogger(__name__)


def import_stored_file(image_model, name, *, alt_text, caption="", credit="", storage=None):
    """A new library image made from the stored file ``name``; None (and a warning) if it is
    missing or not a valid image. The source file is left where it is."""
    from .models import new_key

    storage = storage or default_storage
    if not name or not storage.exists(name):
        logger.warning("Image file %s is missing; not imported.", name)
        return None
    with storage.open(name, "rb") as source:
        data = source.read()
    try:
        clean = clean_upload(ContentFile(data))
    except ValidationError:
        logger.warning("Image file %s is not a valid image; not imported.", name)
        return None
    image = image_model(
        alt_text=normalize_line(alt_text) or "Image",
        caption=normalize_line(caption),
        credit=normalize_line(credit),
        key=new_key(),
        width=clean.width,
        height=clean.height,
    )
    image.file.save(f"upload.{clean.extension}", ContentFile(clean.content), save=False)
    image.save()
    renditions.generate(image, storage)
    return image
