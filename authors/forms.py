from django import forms

from newsroom.concurrency import StaleSaveProtectionMixin

from .models import Author


class AuthorAdminForm(StaleSaveProtectionMixin, forms.ModelForm):
    """Two editors saving one profile at once: the second save is refused, not lost."""

    class Meta:
        model = Author
        fields = ["version"]  # the admin adds the fieldsets' fields
        widgets = {"version": forms.HiddenInput}

    def clean(self):
        cleaned = super().clean()
        self.check_not_stale(cleaned)
        return cleaned
