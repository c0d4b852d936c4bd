import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction

from newsroom.text import normalize_line

from . import renditions
from .validation import clean_upload, validate_upload


def original_path(instance, filename):
    """Originals are stored under the image's random key, never under the uploaded file's name."""
    return f"originals/{instance.key}.{filename.rsplit('.', 1)[-1]}"


def new_key():
    return secrets.token_hex(16)


UNIT = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class ImageQuerySet(models.QuerySet):
    def search(self, term):
        return self.filter(
            models.Q(alt_text__icontains=term) | models.Q(caption__icontains=term) | models.Q(credit__icontains=term)
        )


class Image(models.Model):
    """A picture in the media library. The original is kept (cleaned) but never served to readers:
    pages show renditions (see ``images.renditions``)."""

    LINE_FIELDS = ["alt_text", "caption", "credit"]

    file = models.FileField(
        "image file",
        upload_to=original_path,
        max_length=200,
        validators=[validate_upload],
        help_text="JPEG, PNG, WebP or GIF. Location and camera data are removed when it is stored.",
    )
    alt_text = models.CharField(
        "alt text",
        max_length=250,
        help_text="Describes the image for readers who cannot see it: what it shows, not what it means.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=120, blank=True, help_text='e.g. "Photo: Jane Doe / Agency"')
    focal_x = models.FloatField(
        "focal point (across)",
        default=0.5,
        validators=UNIT,
        help_text="0 is the left edge, 1 the right. Crops for cards and photos keep this point in view.",
    )
    focal_y = models.FloatField(
        "focal point (down)", default=0.5, validators=UNIT, help_text="0 is the top edge, 1 the bottom."
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    key = models.CharField(
        max_length=32, editable=False, default=new_key, help_text="Random per file: renditions' names derive from it."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_inside",
            )
        ]

    def __str__(self):
        return self.alt_text or f"Image {self.pk}"

    def save(self, *args, **kwargs):
        """Clean a new upload, store it, make its renditions; after commit, delete the files it replaced."""
        for field in self.LINE_FIELDS:
            setattr(self, field, normalize_line(getattr(self, field)))
        previous = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        new_file = bool(self.file) and not self.file._committed
        if new_file:
            self.key = new_key()
            clean = clean_upload(self.file)
            self.width, self.height = clean.width, clean.height
            self.file.save(f"upload.{clean.extension}", ContentFile(clean.content), save=False)
        elif not self.file:
            raise ValidationError("An image needs a file.")
        super().save(*args, **kwargs)
        if previous is None or new_file or (previous.focal_x, previous.focal_y) != (self.focal_x, self.focal_y):
            renditions.generate(self)
        if previous is not None:
            stale = set(previous.stored_files()) - set(self.stored_files())
            transaction.on_commit(lambda: delete_files(stale))

    def rendition_set(self, ratio="original"):
        return renditions.rendition_set(self, ratio)

    def stored_files(self) -> list[str]:
        return [self.file.name, *renditions.all_names(self)]

    @property
    def thumbnail(self):
        """The smallest square rendition: what admin lists show."""
        return self.rendition_set("1:1").webp[0]

    def usage(self):
        """Where the image is used, as strings an editor recognises ("Article: ...")."""
        articles = [f"Article: {a}" for a in self.lead_articles.all()]
        return articles + [f"Author photo: {a}" for a in self.author_photos.all()]


def delete_files(names, storage=None):
    storage = storage or default_storage
    for name in names:
        storage.delete(name)
