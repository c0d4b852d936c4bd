from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.forms import TagWidget

from newsroom.concurrency import StaleSaveProtectionMixin

from . import permissions, vocabulary, workflow
from .models import Article, PreviewLink, Region, Topic

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
            "kind", "headline", "slug", "deck", "body", "summary", "regions", "topics", "primary_region",
            "lead_image",
            "publish_at", "embargo_until", "review_note", "version",
        ]  # fmt: skip
        widgets = {
            "body": AdminProseEditorWidget(config=BODY_EDITOR_CONFIG, preset="configurable"),
            "regions": tag_input("admin:articles_region_suggest"),
            "topics": tag_input("admin:articles_topic_suggest"),
            "version": forms.HiddenInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        can_create = self.user is not None and permissions.is_editor(self.user)
        for name, kind in [("regions", "region"), ("topics", "topic")]:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"data-can-create": str(can_create).lower(), "data-term-kind": kind}
                )
        zone = timezone.get_current_timezone_name()
        for name in ["publish_at", "embargo_until"]:
            if name in self.fields:
                self.fields[name].help_text = f"{self.fields[name].help_text} Times are in {zone}."

    @property
    def requested_action(self):
        return next((action for action in workflow.TRANSITIONS if f"_{action}" in self.data), None)

    def clean_regions(self):
        return self._known_terms("regions", Region)

    def clean_topics(self):
        return self._known_terms("topics", Topic)

    def _known_terms(self, name, model):
        names = self.cleaned_data[name]
        if self.user is not None:
            vocabulary.check_new_terms(model, names, by=self.user)
        return names

    def clean(self):
        cleaned = super().clean()
        self._check_primary_region(cleaned)
        self._check_embargo(cleaned)
        is_published = self.instance.status == Article.Status.PUBLISHED
        if is_published and "publish_at" in self.fields and not cleaned.get("publish_at"):
            # Never read an emptied time as "now": that would put a scheduled article live.
            self.add_error(
                "publish_at", "A published article needs its publication time. To take it down, use Unpublish."
            )
        self.check_not_stale(cleaned)
        self._check_action(cleaned)
        return cleaned

    def _check_primary_region(self, cleaned):
        primary, names = cleaned.get("primary_region"), cleaned.get("regions")
        if primary is not None and names is not None and primary.name.casefold() not in {n.casefold() for n in names}:
            self.add_error(
                "primary_region", f"“{primary.name}” is not one of this article's regions: add it there first."
            )

    def _check_embargo(self, cleaned):
        """A publication time before the embargo is an error here, before any button runs."""
        embargo = cleaned.get("embargo_until") if "embargo_until" in self.fields else self.instance.embargo_until
        at = cleaned.get("publish_at") if "publish_at" in self.fields else self.instance.publish_at
        going_public = self.requested_action == "publish" or self.instance.status == Article.Status.PUBLISHED
        if embargo is None or not (at or going_public):
            return
        refusal = workflow.embargo_refusal(embargo_until=embargo, at=at)
        if refusal:
            self.add_error("publish_at" if "publish_at" in self.fields else None, refusal)

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
