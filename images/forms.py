from django import forms

from .models import Image
from .validation import ACCEPTED_TEXT


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        # Django's file field answers an empty upload before our checks run; say the same thing they would.
        error_messages = {"file": {"empty": f"The file is empty. Upload a {ACCEPTED_TEXT} image."}}
