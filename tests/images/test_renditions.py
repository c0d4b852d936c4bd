"""Cleaning, renditions and focal-point crops, straight on the model."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from images import renditions
from images.models import Image

from .samples import GPS_IFD, encode, jpeg_with_gps, two_halves

pytestmark = pytest.mark.django_db


def make(content, **fields):
    image = Image(file=ContentFile(content, name="source-file-name.jpg"), alt_text="Alt", **fields)
    image.save()
    return image


def opened(name):
    with default_storage.open(name, "rb") as stored:
        picture = PILImage.open(BytesIO(stored.read()))
        picture.load()
    return picture


def test_gps_camera_and_all_exif_are_gone_from_every_stored_file_and_orientation_is_applied():
    upload = jpeg_with_gps(size=(120, 80))
    source = PILImage.open(BytesIO(upload))
    assert source.getexif().get_ifd(GPS_IFD)  # the upload really carries a position
    image = make(upload)
    assert (image.width, image.height) == (80, 120)  # turned upright from "rotate 90°"
    for name in image.stored_files():
        stored = opened(name)
        assert not stored.getexif(), name
        assert "exif" not in stored.info and "xmp" not in stored.info, name
        with default_storage.open(name, "rb") as raw:
            data = raw.read()
        assert b"SecretCam" not in data and b"Exif" not in data, name


def test_renditions_cover_every_width_ratio_and_format_without_upscaling():
    image = make(encode(PILImage.new("RGB", (1000, 500), (1, 2, 3)), "JPEG"))
    original = image.rendition_set("original")
    assert [r.width for r in original.webp] == [320, 640, 960]  # 1280 and 1600 would be upscaled
    assert [(r.width, r.height) for r in original.fallback] == [(320, 160), (640, 320), (960, 480)]
    assert [r.width for r in image.rendition_set("16:9").webp] == [320, 640]  # an 889×500 crop
    assert [r.width for r in image.rendition_set("1:1").webp] == [96, 320]  # a 500×500 crop, and a thumbnail
    square = image.rendition_set("1:1").largest
    assert (square.width, square.height) == (320, 320)
    assert image.thumbnail.width == 96
    for ratio in renditions.RATIOS:
        for rendition in (*image.rendition_set(ratio).webp, *image.rendition_set(ratio).fallback):
            stored = opened(rendition.name)
            assert stored.size == (rendition.width, rendition.height)
            assert stored.format == {"webp": "WEBP", "jpg": "JPEG"}[rendition.extension]


def test_a_small_image_gets_renditions_at_its_own_size():
    image = make(encode(PILImage.new("RGB", (200, 100)), "JPEG"))
    assert [(r.width, r.height) for r in image.rendition_set().webp] == [(200, 100)]


def test_transparent_images_fall_back_to_png():
    image = make(encode(PILImage.new("RGBA", (400, 300), (0, 0, 0, 0)), "PNG"))
    assert {r.extension for r in image.rendition_set().fallback} == {"png"}
    assert opened(image.rendition_set().fallback[0].name).mode == "RGBA"


@pytest.mark.parametrize(("focal_x", "left_is_red"), [(0.05, True), (0.95, False)])
def test_crops_keep_the_focal_point_in_view(focal_x, left_is_red):
    image = make(encode(two_halves((400, 100)), "PNG"), focal_x=focal_x)
    square = opened(image.rendition_set("1:1").fallback[0].name)
    red, _, blue = square.convert("RGB").getpixel((5, 50))
    assert (red > 200 and blue < 50) is left_is_red


def test_crop_box_stays_inside_the_picture():
    assert renditions.crop_box(400, 100, "1:1", 0.0, 0.5) == (0, 0, 100, 100)
    assert renditions.crop_box(400, 100, "1:1", 1.0, 0.5) == (300, 0, 400, 100)
    assert renditions.crop_box(400, 100, "1:1", 0.5, 0.5) == (150, 0, 250, 100)
    assert renditions.crop_box(100, 400, "16:9", 0.5, 0.0) == (0, 0, 100, 56)
    assert renditions.crop_box(400, 100, "original", 0.9, 0.9) == (0, 0, 400, 100)


def test_names_are_unguessable_and_derive_from_the_random_key_alone(django_assert_num_queries):
    image = make(encode(PILImage.new("RGB", (700, 400)), "JPEG"))
    other = make(encode(PILImage.new("RGB", (700, 400)), "JPEG"))  # the very same pixels
    with django_assert_num_queries(0):
        names = renditions.all_names(image)
    assert not set(names) & set(renditions.all_names(other))
    for name in [*names, image.file.name]:
        assert "source-file-name" not in name
        assert image.key not in name.removeprefix("originals/") or name == image.file.name
    assert all(name.startswith("renditions/") and len(name.split("/")[1].split(".")[0]) == 64 for name in names)


def test_make_renditions_restores_missing_files():
    from django.core.management import call_command

    image = make(encode(PILImage.new("RGB", (700, 400)), "JPEG"))
    lost = image.rendition_set("4:3").webp[0].name
    default_storage.delete(lost)
    call_command("make_renditions", verbosity=0)
    assert default_storage.exists(lost)
