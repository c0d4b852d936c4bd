"""The one gate for uploaded pictures: what is accepted, and the clean original that is stored.

A file is an image when Pillow can open *and fully decode* it as one of the accepted formats; its
name and declared content type are never trusted (an HTML page renamed ``.jpg`` or an SVG is
refused). Before anything is stored the picture is turned upright (EXIF orientation) and
re-encoded without metadata: EXIF (GPS position, camera, serial numbers), XMP, IPTC and PNG text
chunks are all dropped, so a newsroom never leaks where a source was. The ICC colour profile is
kept: it carries no personal data and dropping it would shift the colours of wide-gamut photos.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
ACCEPTED_TEXT = "JPEG, PNG, WebP or GIF"


@dataclass(frozen=True)
class CleanImage:
    """An upload that passed the gate: the bytes to store as the original and what they are."""

    content: bytes
    extension: str  # "jpg", "png" or "webp": also decides the fallback format of renditions
    width: int
    height: int


def _refuse(message, code, **params):
    # Codes differ from forms.FileField's own ("invalid", "empty"), whose messages would replace ours.
    raise ValidationError(message, code=code, params=params)


def _read(file) -> bytes:
    if hasattr(file, "open"):
        file.open("rb")
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def open_image(data: bytes) -> PILImage.Image:
    """Decode ``data`` completely or raise ValidationError saying which formats are accepted."""
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if not data:
        _refuse("The file is empty. Upload a %(formats)s image.", "empty_file", formats=ACCEPTED_TEXT)
    if len(data) > limit:
        _refuse(
            "This file is %(size)s MB; the limit is %(limit)s MB. Upload a smaller %(formats)s image.",
            "file_too_large",
            size=round(len(data) / 1024 / 1024, 1),
            limit=round(limit / 1024 / 1024, 1),
            formats=ACCEPTED_TEXT,
        )
    not_an_image = "This file is not a %(formats)s image, or it is damaged. Upload a %(formats)s image."
    try:
        with warnings.catch_warnings():
            # Pillow only *warns* between MAX_IMAGE_PIXELS and twice that; both are refusals here.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(io.BytesIO(data), formats=list(ACCEPTED_FORMATS))
            if image.width * image.height > settings.IMAGE_MAX_PIXELS:
                raise PILImage.DecompressionBombError("too many pixels")
            image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        _refuse(
            "This image is too large to process (over %(pixels)s megapixels). Upload a smaller %(formats)s image.",
            "too_many_pixels",
            pixels=settings.IMAGE_MAX_PIXELS // 1_000_000,
            formats=ACCEPTED_TEXT,
        )
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        _refuse(not_an_image, "not_an_image", formats=ACCEPTED_TEXT)
    return image


def validate_upload(file) -> None:
    """Model field validator: the same gate the stored original goes through."""
    open_image(_read(file))


def clean_upload(file) -> CleanImage:
    """The upright, metadata-free original to store. Animated GIFs keep their first frame only."""
    image = open_image(_read(file))
    source_format = image.format
    icc_profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    buffer = io.BytesIO()
    extras = {"icc_profile": icc_profile} if icc_profile else {}
    if has_alpha or source_format in ("PNG", "GIF"):
        image = image.convert("RGBA" if has_alpha else "RGB")
        image.save(buffer, "PNG", optimize=True, **extras)
        extension = "png"
    elif source_format == "WEBP":
        image.convert("RGB").save(buffer, "WEBP", quality=92, **extras)
        extension = "webp"
    else:
        image.convert("RGB").save(buffer, "JPEG", quality=92, optimize=True, **extras)
        extension = "jpg"
    return CleanImage(buffer.getvalue(), extension, image.width, image.height)
