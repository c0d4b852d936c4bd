"""Renditions: which sizes and crops exist for an image, what they are called, and making them.

Every rendition is fixed by the image's secret ``key``, its size, its focal point and the spec
(ratio, width, format), so its name and URL are computed without a query and without looking at
storage. The name is a SHA-256 over those values: the key is random per upload, so nothing about an
article's slug or the file's name leads to it, and a rendition of an image used only by drafts has
no address anyone can guess. Any change of file or focal point gives new names, which is why the
files can be cached for a year (``immutable``).

Renditions are made once, when the image is saved, and written through Django's storage API, so
the same code fills ``MEDIA_ROOT`` or an S3-compatible bucket.
"""

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image as PILImage

WIDTHS = (320, 640, 960, 1280, 1600)
# Squares also come small: admin thumbnails (48px) and bio photos (88px) at up to 2x density.
SQUARE_WIDTHS = (96, *WIDTHS)
RATIOS = {"original": None, "16:9": (16, 9), "4:3": (4, 3), "1:1": (1, 1)}
PREFIX = "renditions/"
VERSION = "1"  # bump to re-make every rendition under new names (e.g. after changing quality)
ENCODERS = {
    "webp": ("WEBP", {"quality": 78, "method": 2}),  # method 4+ is 2x slower for ~1% smaller files
    "jpg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": True}),
}
MIME_TYPES = {"webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class Rendition:
    name: str  # the storage name, "renditions/<sha256>.<ext>"
    width: int
    height: int
    extension: str

    @property
    def url(self):
        return rendition_url(self.name)


@dataclass(frozen=True)
class RenditionSet:
    """One ratio of one image: WebP and fallback renditions, narrowest first."""

    webp: list[Rendition]
    fallback: list[Rendition]

    @property
    def largest(self):
        return self.fallback[-1]

    @property
    def smallest(self):
        return self.fallback[0]


def crop_box(width, height, ratio, focal_x=0.5, focal_y=0.5):
    """The largest box of ``ratio`` inside the image, centred on the focal point as far as the edges allow."""
    rw, rh = (RATIOS[ratio] if isinstance(ratio, str) else ratio) or (width, height)
    box_w, box_h = min(width, round(height * rw / rh)), min(height, round(width * rh / rw))
    left = min(max(round(focal_x * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal_y * height - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def widths_for(box_width, ratio=None):
    """Standard widths up to the crop's own width: never upscaled; a small image gets its own size."""
    return [w for w in (SQUARE_WIDTHS if ratio == "1:1" else WIDTHS) if w <= box_width] or [box_width]


def fallback_extension(original_name):
    return "png" if original_name.lower().endswith(".png") else "jpg"


def rendition_name(key, *, ratio, width, focal, extension):
    spec = f"{VERSION}|{key}|{ratio}|{width}|{focal[0]:.4f}|{focal[1]:.4f}|{extension}"
    return f"{PREFIX}{hashlib.sha256(spec.encode()).hexdigest()}.{extension}"


def rendition_set(image, ratio="original") -> RenditionSet:
    """The renditions of ``image`` (an ``images.Image``) at ``ratio``; no query, no storage access."""
    focal = (image.focal_x, image.focal_y)
    left, top, right, bottom = crop_box(image.width, image.height, ratio, *focal)
    box_w, box_h = right - left, bottom - top
    sets = {"webp": [], "fallback": []}
    for width in widths_for(box_w, ratio):
        height = max(1, round(width * box_h / box_w))
        for kind, extension in (("webp", "webp"), ("fallback", fallback_extension(image.file.name))):
            name = rendition_name(image.key, ratio=ratio, width=width, focal=focal, extension=extension)
            sets[kind].append(Rendition(name, width, height, extension))
    return RenditionSet(**sets)


def all_names(image) -> list[str]:
    return [r.name for ratio in RATIOS for s in [rendition_set(image, ratio)] for r in (*s.webp, *s.fallback)]


def generate(image, storage=None) -> list[str]:
    """Write every missing rendition of ``image`` (its original must be stored) and return their names."""
    storage = storage or default_storage
    with storage.open(image.file.name, "rb") as original:
        picture = PILImage.open(original)
        picture.load()
    written = []
    for ratio in RATIOS:
        source = picture.crop(crop_box(picture.width, picture.height, ratio, image.focal_x, image.focal_y))
        renditions = rendition_set(image, ratio)
        # Widest first, each scaled from the one before: one resize per width, shared by both formats.
        for webp, fallback in reversed(list(zip(renditions.webp, renditions.fallback, strict=True))):
            missing = [r for r in (webp, fallback) if not storage.exists(r.name)]
            if not missing:
                continue  # content-addressed: an existing name holds exactly these pixels
            source = source.resize((webp.width, webp.height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
            for rendition in missing:
                written.append(storage.save(rendition.name, ContentFile(_encode(source, rendition.extension))))
    return written


def _encode(picture, extension) -> bytes:
    pil_format, options = ENCODERS[extension]
    if extension == "jpg" or (extension == "webp" and picture.mode not in ("RGB", "RGBA")):
        picture = picture.convert("RGB")
    buffer = io.BytesIO()
    # No exif/xmp/icc arguments: renditions carry pixels only.
    picture.save(buffer, pil_format, **options)
    return buffer.getvalue()


def rendition_url(name):
    """From storage when it serves files itself (S3, a CDN); otherwise the app's rendition view."""
    if settings.IMAGES_URLS_FROM_STORAGE:
        return default_storage.url(name)
    return reverse("images:rendition", kwargs={"name": name.removeprefix(PREFIX)})
