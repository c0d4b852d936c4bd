from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator

# ImageField already asks Pillow to open the upload; this also pins the formats a browser shows.
image_extensions = FileExtensionValidator(["jpg", "jpeg", "png", "webp", "gif"])
MAX_IMAGE_BYTES = 8 * 1024 * 1024


def image_size_limit(file):
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            "This image is %(size)s MB; the limit is 8 MB. Please upload a smaller one.",
            params={"size": round(file.size / 1024 / 1024, 1)},
        )


IMAGE_VALIDATORS = [image_extensions, image_size_limit]
