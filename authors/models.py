from django.conf import settings
from django.db import models

from newsroom.concurrency import VersionedModel
from newsroom.fields import LineField, MultilineField
from newsroom.sanitizer import sanitize_bio
from newsroom.slugs import slug_url, unique_slug, validate_slug


class AuthorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Author(VersionedModel):
    name = LineField(max_length=120)
    slug = LineField(
        max_length=140,
        unique=True,
        blank=True,
        validators=[validate_slug],
        help_text="Used in the author's page address. Filled from the name when left blank.",
    )
    title = LineField(max_length=120, blank=True, help_text='Job title shown in the bio box, e.g. "Senior Editor".')
    bio = MultilineField(
        blank=True,
        help_text="A short biography (two or three sentences). Links and emphasis are kept; other markup is removed.",
    )
    photo = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="author_photos",
        help_text="Chosen from the media library; shown square, cropped around its focal point.",
    )
    website = models.URLField(blank=True)
    twitter = LineField("X / Twitter handle", max_length=50, blank=True)
    mastodon = models.URLField("Mastodon profile", blank=True)
    linkedin = models.URLField("LinkedIn profile", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The login this profile belongs to, so its owner can edit it and is credited on their articles.",
    )
    is_active = models.BooleanField(
        default=True, help_text="Inactive authors keep their bylines but have no public page."
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("manage_author", "Can edit any author profile, not only one's own")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=140)
        self.bio = sanitize_bio(self.bio)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("authors:detail", self.slug)

    @property
    def twitter_url(self):
        return f"https://x.com/{self.twitter.lstrip('@')}" if self.twitter else ""
