"""Model fields that store text through the one normaliser (``newsroom.text``).

The rule sits in the field, so it holds on every path: admin forms (the form field normalises
before "required" and length checks run, so a headline of only bidi overrides is an empty headline),
model saves from imports and scripts, and query lookups (a NUL in a filter value never reaches
PostgreSQL, which would refuse it).
"""

from django import forms
from django.db import models

from newsroom.text import normalize_line, normalize_text


class LineFormField(forms.CharField):
    def to_python(self, value):
        return normalize_line(super().to_python(value)) or self.empty_value


class TextFormField(forms.CharField):
    def to_python(self, value):
        return normalize_text(super().to_python(value)) or self.empty_value


class NormalizedField:
    normalize = None
    form_class = None

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value is not None:
            value = self.normalize(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else self.normalize(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": self.form_class, **kwargs})


class LineField(NormalizedField, models.CharField):
    """Single-line text: headlines, names, titles, captions, credits, alt text, tag names."""

    normalize = staticmethod(normalize_line)
    form_class = LineFormField


class MultilineField(NormalizedField, models.TextField):
    """Multi-line text: newlines kept, NUL and other control characters removed."""

    normalize = staticmethod(normalize_text)
    form_class = TextFormField
