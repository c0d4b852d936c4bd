"""Optimistic concurrency, one mechanism for every model two people may edit at once.

A ``version`` counter moves on every save. The edit form carries the version it was opened at;
saving a form older than the row is refused, and the form comes back with the typed text intact
and the current version, so saving again after reading the warning is a deliberate overwrite,
never a silent one.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from newsroom.dates import admin_datetime


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(
        default=0, help_text="Counts saves, so a save made from a stale form is refused instead of overwriting."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.version += 1
        super().save(*args, **kwargs)


class StaleSaveProtectionMixin:
    """For ModelForms of a ``VersionedModel`` that include the ``version`` field (hidden).

    ``check_not_stale`` locks the row until the request's transaction ends (the admin's change
    view runs in one), so two saves cannot both pass the check.
    """

    def check_not_stale(self, cleaned):
        if self.instance.pk is None or "version" not in self.fields:
            return
        current = (
            type(self.instance)
            .objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values("version", "updated_at", "updated_by__username", "updated_by__first_name", "updated_by__last_name")
            .first()
        )
        if current is None or cleaned.get("version") == current["version"]:
            return
        who = " ".join(filter(None, [current["updated_by__first_name"], current["updated_by__last_name"]]))
        who = who or current["updated_by__username"] or "Someone"
        when = admin_datetime(current["updated_at"])
        self.data = self.data.copy()
        self.data["version"] = current["version"]
        raise ValidationError(
            "%(who)s changed this %(thing)s at %(when)s, after you opened it. Your changes have NOT been saved; "
            "they are still in this form. Open the %(thing)s in a new tab to see the other version and merge "
            "what you need. Saving this form again will replace their version with yours.",
            params={"who": who, "when": when, "thing": self.instance._meta.verbose_name},
            code="stale",
        )
