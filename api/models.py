import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class APIKeyQuerySet(models.QuerySet):
    def matching(self, raw_key: str):
        """The active key whose hash is ``raw_key``'s, or None. Keys are long random strings, so a
        fast hash suffices: there is nothing to brute-force that a slow hash would protect."""
        if not raw_key:
            return None
        return self.filter(is_active=True, hashed_key=APIKey.hash(raw_key)).first()


class APIKey(models.Model):
    """A partner's key to the read API: it lifts the anonymous rate limit. The key itself is shown
    once, when an administrator creates it; only its SHA-256 is stored."""

    name = models.CharField(max_length=100, help_text="Who the key is for, e.g. “iOS app” or “Partner: Daily Bugle”.")
    prefix = models.CharField(max_length=12, editable=False, help_text="The key's first characters, to recognise it.")
    hashed_key = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(default=True, help_text="Untick to revoke the key at once.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = APIKeyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "API key"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw_key: str) -> str:
        return hashlib.sha256(raw_key.encode()).hexdigest()

    def set_new_key(self) -> str:
        """Give the key a fresh secret and return it: the only time it is ever readable."""
        raw_key = "nr_" + secrets.token_urlsafe(32)
        self.prefix = raw_key[:9]
        self.hashed_key = self.hash(raw_key)
        return raw_key

    def mark_used(self):
        now = timezone.now()
        # At most one write a minute per key, so a busy partner does not write on every request.
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            APIKey.objects.filter(pk=self.pk).update(last_used_at=now)
