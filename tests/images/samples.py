"""Image files built in the test, so no binary sample is kept in git."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def encode(image, fmt, **options) -> bytes:
    buffer = BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(content: bytes, name="picture.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_with_gps(size=(120, 80)) -> bytes:
    """A camera-style JPEG: GPS position, camera make/model and "rotate 90°" orientation in EXIF."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[ORIENTATION] = 6  # stored sideways: display rotated 90° clockwise
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (33.0, 18.0, 54.0), 3: "E", 4: (44.0, 21.0, 58.0)})
    return encode(image, "JPEG", exif=exif, quality=90)


def two_halves(size=(400, 100)) -> Image.Image:
    """Red on the left quarter, blue elsewhere: shows which side a crop kept."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 4, size[1]))
    return image
