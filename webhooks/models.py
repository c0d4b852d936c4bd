import secrets

from django.db import models
from django.utils import timezone


def new_secret():
    return "whsec_" + secrets.token_urlsafe(32)


class Event(models.TextChoices):
    ARTICLE_PUBLISHED = "article.published", "Article published (including a scheduled article reaching its time)"
    ARTICLE_UPDATED = "article.updated", "Article updated while public"
    ARTICLE_UNPUBLISHED = "article.unpublished", "Article unpublished"
    ARTICLE_CORRECTED = "article.corrected", "Correction or update added"
    AUTHOR_UPDATED = "author.updated", "Author profile updated"


class Endpoint(models.Model):
    class Kind(models.TextChoices):
        EVENTS = "events", "Events (JSON describing what happened)"
        PURGE = "purge", "CDN purge, Newsroom JSON (the public URLs and cache tags to purge)"
        CLOUDFLARE = "cloudflare", "CDN purge, Cloudflare API (files and tags; the secret is the API token)"
        FASTLY = "fastly", "CDN purge, Fastly API (surrogate keys; the secret is the API token)"

    name = models.CharField(max_length=100)
    url = models.URLField("URL", max_length=500, help_text="Receives a POST for every event it subscribes to.")
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.EVENTS)
    events = models.JSONField(default=list, help_text="The events sent to this endpoint.")
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text="Signs every delivery (the Newsroom-Signature header). Share it with the receiver only. "
        "For a Cloudflare or Fastly endpoint, paste the CDN's API token here (docs/cdn.md).",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Delivery(models.Model):
    """One event for one endpoint, and the log of sending it. Each attempt is a background task
    (``webhooks.delivery.send_delivery``, django-tasks); this row is what the admin shows."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Failed (gave up)"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=Event)
    body = models.TextField(help_text="The JSON sent, byte for byte.")
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(
        default=timezone.now, null=True, blank=True, help_text="When the next attempt is queued for; empty once done."
    )
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    request_id = models.CharField(
        max_length=64, blank=True, help_text="The request that caused it: its log lines and the worker's share this id."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.event} → {self.endpoint}"


class PublicationCheck(models.Model):
    """The one row that remembers up to when the worker has looked for scheduled articles going live."""

    checked_until = models.DateTimeField()

    def __str__(self):
        return f"Checked until {self.checked_until}"
