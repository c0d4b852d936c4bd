from django import forms
from django.urls import reverse_lazy
from django_prose_editor.widgets import AdminProseEditorWidget

from .models import Article

# The editor offers exactly what newsroom.sanitizer keeps, so nothing typed is silently dropped.
BODY_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    }
}


def tag_input(suggest_url_name):
    return forms.TextInput(
        attrs={"class": "vTextField nr-tag-input", "data-suggest-url": reverse_lazy(suggest_url_name), "autocomplete": "off"}
    )


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "body": AdminProseEditorWidget(config=BODY_EDITOR_CONFIG),
            "regions": tag_input("admin:articles_region_suggest"),
            "topics": tag_input("admin:articles_topic_suggest"),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lead_image") and not cleaned.get("lead_image_alt"):
            self.add_error("lead_image_alt", "Describe the lead image for readers who cannot see it.")
        return cleaned
