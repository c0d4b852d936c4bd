"""The upload gate: only real, fully decodable JPEG/PNG/WebP/GIF; everything else is a form error
with nothing stored (no row, no file)."""

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from images.models import Image
from tests.factories import UserFactory

from .samples import encode, upload

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:images_image_add")
FORMATS = "JPEG, PNG, WebP or GIF"


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="ed", is_superuser=True))
    return client


def post(client, file, **fields):
    data = {"alt_text": "A picture", "caption": "", "credit": "", "focal_x": "0.5", "focal_y": "0.5", "file": file}
    return client.post(ADD_URL, data | fields)


def picture(mode="RGB", size=(80, 60)):
    return PILImage.new(mode, size, (10, 120, 200) if mode == "RGB" else (10, 120, 200, 128))


GOOD = {
    "jpeg": (lambda: encode(picture(), "JPEG"), "jpg"),
    "png": (lambda: encode(picture(), "PNG"), "png"),
    "png with alpha": (lambda: encode(picture("RGBA"), "PNG"), "png"),
    "webp": (lambda: encode(picture(), "WEBP"), "webp"),
    "gif": (lambda: encode(picture().convert("P"), "GIF"), "png"),
}


@pytest.mark.parametrize("kind", GOOD)
def test_real_images_of_each_accepted_format_are_stored_with_renditions(editor_client, stored_files, kind):
    make, extension = GOOD[kind]
    response = post(editor_client, upload(make(), name="whatever.bin", content_type="application/octet-stream"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert (image.width, image.height) == (80, 60)
    assert image.uploaded_by.username == "ed"
    assert image.file.name == f"originals/{image.key}.{extension}"
    assert set(image.stored_files()) <= stored_files()


def truncated_jpeg():
    data = encode(PILImage.effect_noise((300, 300), 60).convert("RGB"), "JPEG")
    return data[: len(data) // 2]


BAD = {
    "svg": lambda: upload(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a.svg"),
    "html renamed .jpg": lambda: upload(b"<!doctype html><html><body><script>alert(1)</script>", "photo.jpg"),
    "truncated jpeg": lambda: upload(truncated_jpeg(), "photo.jpg"),
    "empty file": lambda: upload(b"", "photo.jpg"),
    "php in a jpeg name": lambda: upload(b"<?php echo 'hi'; ?>", "photo.jpg"),
    "bmp (real image, not accepted)": lambda: upload(encode(picture(), "BMP"), "photo.bmp"),
    "tiff (real image, not accepted)": lambda: upload(encode(picture(), "TIFF"), "photo.tif"),
    "jpeg header then garbage": lambda: upload(encode(picture(), "JPEG")[:40] + b"\x00" * 500, "photo.jpg"),
}


@pytest.mark.parametrize("kind", BAD)
def test_a_bad_file_is_a_form_error_naming_the_formats_and_stores_nothing(editor_client, stored_files, kind):
    before = stored_files()
    response = post(editor_client, BAD[kind]())
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert any(FORMATS in error for error in errors), errors
    assert not Image.objects.exists()
    assert stored_files() == before


def test_an_empty_file_says_it_is_empty(editor_client):
    # Django's own FileField refuses a 0-byte upload first; the message still names the problem.
    response = post(editor_client, upload(b"", "photo.jpg"))
    assert "empty" in str(response.context["adminform"].form.errors["file"])


def test_a_file_over_the_size_limit_is_refused(editor_client, stored_files, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000
    data = encode(PILImage.effect_noise((200, 200), 80).convert("RGB"), "JPEG")
    assert len(data) > 1000
    before = stored_files()
    response = post(editor_client, upload(data))
    assert response.status_code == 200
    assert "the limit is" in str(response.context["adminform"].form.errors["file"])
    assert not Image.objects.exists()
    assert stored_files() == before


def test_a_decompression_bomb_is_refused_before_it_is_decoded(editor_client, stored_files, settings):
    # A tiny file that claims a huge canvas: refused from its header, never decoded.
    settings.IMAGE_MAX_PIXELS = 1_000_000
    bomb = encode(PILImage.new("L", (4000, 4000)), "PNG", optimize=True)
    assert len(bomb) < 100_000
    before = stored_files()
    response = post(editor_client, upload(bomb, "bomb.png", "image/png"))
    assert response.status_code == 200
    assert "too large to process" in str(response.context["adminform"].form.errors["file"])
    assert not Image.objects.exists()
    assert stored_files() == before


def test_pillows_own_bomb_error_is_a_form_error_too(editor_client, monkeypatch, settings):
    # Pillow's global limit (below ours here) raises DecompressionBombError/Warning itself.
    settings.IMAGE_MAX_PIXELS = 10**12
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 1000)
    response = post(editor_client, upload(encode(PILImage.new("RGB", (100, 50)), "PNG"), "big.png"))
    assert response.status_code == 200
    assert "too large to process" in str(response.context["adminform"].form.errors["file"])


def test_alt_text_is_required_and_text_fields_are_normalised(editor_client):
    response = post(editor_client, upload(GOOD["jpeg"][0]()), alt_text="")
    assert "alt_text" in response.context["adminform"].form.errors
    post(editor_client, upload(GOOD["jpeg"][0]()), alt_text="  Cranes\u202e at  the port ", credit="Photo:\tA\x07B")
    image = Image.objects.get()
    assert (image.alt_text, image.credit) == ("Cranes at the port", "Photo: AB")


def test_a_focal_point_outside_the_picture_is_refused(editor_client):
    response = post(editor_client, upload(GOOD["jpeg"][0]()), focal_x="1.5")
    assert "focal_x" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


def test_editing_the_text_keeps_the_file_and_the_form_never_links_the_original(editor_client):
    post(editor_client, upload(GOOD["jpeg"][0]()))
    image = Image.objects.get()
    original = image.file.name
    url = reverse("admin:images_image_change", args=[image.pk])
    page = editor_client.get(url).content.decode()
    assert image.file.name not in page
    assert image.rendition_set().webp[1 if len(image.rendition_set().webp) > 1 else 0].url in page
    data = {"alt_text": "New words", "caption": "", "credit": "", "focal_x": "0.5", "focal_y": "0.5"}
    assert editor_client.post(url, data).status_code == 302
    image.refresh_from_db()
    assert (image.alt_text, image.file.name) == ("New words", original)


def test_the_editors_image_picker_lists_the_library(editor_client):
    """The picker window the body editor opens (a Django template beside the Jinja2 reader pages)."""
    post(editor_client, upload(encode(picture(), "JPEG"), "river.jpg"), alt_text="The river at Raqqa")
    response = editor_client.get(reverse("admin:images_image_picker"), {"CKEditorFuncNum": "1", "q": "Raqqa"})
    assert response.status_code == 200
    assert 'data-alt="The river at Raqqa"' in response.content.decode()
