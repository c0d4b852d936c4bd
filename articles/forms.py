from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.forms import TagWidget

from newsroom.concurrency import StaleSaveProtectionMixin

from . import workflow
from .models import Article, PreviewLink

# The editor offers exactly what newsroom.sanitizer keeps, so nothing typed is silently dropped.
# Figure: library images only, chosen in the picker window (images.admin.ImageAdmin.picker_view).
BODY_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "NodeClass": {"cssClasses": {"blockquote": [{"className": "pullquote", "title": "Pull quote"}]}},
        "HorizontalRule": True,
        # The widget does not add an extension's parts by itself (the model field would): list them.
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "Figure": {"pickerUrl": reverse_lazy("admin:images_image_picker")},
        "Image": True,
        "Caption": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    }
}


def tag_input(suggest_url_name):
    # TagWidget (not a plain TextInput) renders the saved tags as "Iraq, Syria" for editing.
    return TagWidget(
        attrs={
            "class": "vTextField nr-tag-input",
            "data-suggest-url": reverse_lazy(suggest_url_name),
            "autocomplete": "off",
        }
    )


class ArticleAdminForm(StaleSaveProtectionMixin, forms.ModelForm):
    """The change form. ``user`` is set by the admin per request; the button pressed (``_publish``...)
    is checked against the workflow here, so a refused action leaves the typed text on screen."""

    user = None

    class Meta:
        model = Article
        fields = [
            "headline", "slug", "deck", "body", "summary", "regions", "topics",
            "lead_image",
            "publish_at", "review_note", "version",
        ]  # fmt: skip
        widgets = {
            "body": AdminProseEditorWidget(config=BODY_EDITOR_CONFIG, preset="configurable"),
            "regions": tag_input("admin:articles_region_suggest"),
            "topics": tag_input("admin:articles_topic_suggest"),
            "version": forms.HiddenInput,
        }

    @property
    def requested_action(self):
        return next((action for action in workflow.TRANSITIONS if f"_{action}" in self.data), None)

    def clean(self):
        cleaned = super().clean()
        is_published = self.instance.status == Article.Status.PUBLISHED
        if is_published and "publish_at" in self.fields and not cleaned.get("publish_at"):
            # Never read an emptied time as "now": that would put a scheduled article live.
            self.add_error(
                "publish_at", "A published article needs its publication time. To take it down, use Unpublish."
            )
        self.check_not_stale(cleaned)
        self._check_action(cleaned)
        return cleaned

    def _check_action(self, cleaned):
        action = self.requested_action
        if action is None or self.user is None:
            return
        try:
            workflow.check(action, article=self.instance, by=self.user)
        except (PermissionDenied, workflow.TransitionError) as refused:
            raise ValidationError(str(refused), code="refused") from refused
        if action == "send_back" and not (cleaned.get("review_note") or "").strip():
            self.add_error("review_note", "Tell the writer what to change before sending the article back.")


SHARE_LINK_LIFETIMES = [
    ("", "Choose how long the link works..."),
    ("1", "1 hour"),
    ("24", "1 day"),
    ("72", "3 days"),
    ("168", "1 week"),
]


class ShareLinkForm(forms.ModelForm):
    """A new share link is made by choosing a lifetime; existing ones are revoked by deleting."""

    lifetime = forms.TypedChoiceField(choices=SHARE_LINK_LIFETIMES, coerce=int, empty_value=None, required=False)

    class Meta:
        model = PreviewLink
        fields = ["lifetime"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["lifetime"].disabled = True
            self.fields["lifetime"].choices = [("", "—")]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lifetime"):
            self.instance.expires_at = timezone.now() + timedelta(hours=cleaned["lifetime"])
        return cleaned
