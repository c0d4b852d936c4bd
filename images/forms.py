from django import forms

from .models import Image
from .validation import ACCEPTED_TEXT


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        # Django's file field answers an empty upload before our checks run; say the same thing they would.
        # No "Currently: <link>": originals are never served, so a link to one would lead nowhere.
        widgets = {"file": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"})}
        error_messages = {"file": {"empty": f"The file is empty. Upload a {ACCEPTED_TEXT} image."}}
