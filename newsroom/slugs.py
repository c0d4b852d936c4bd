"""The slug policy for the whole project, in one place.

Slugs keep the script of their name: "Москва" -> ``москва``, "Côte d’Ivoire" -> ``côte-divoire``,
"北京" -> ``北京``, "हिन्दी" -> ``हिन्दी``. A slug is the lowercased (NFKC) letters, marks and digits of
its source, in runs joined by single hyphens. Marks are kept on purpose: Django's own
``slugify(allow_unicode=True)`` drops them, which mangles Devanagari, Thai or vocalised Arabic.

The URL converter below accepts exactly the strings :func:`slugify` makes, so any stored slug
resolves and nothing else reaches a view. A name with nothing usable ("!!!", "🎉") gets a fallback
such as ``region-3``. Slugs are made once, when a row is created, so addresses stay stable.
"""

import functools
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.http import RFC3986_SUBDELIMS

from newsroom import rendering

# Apostrophes join rather than split words: "Côte d’Ivoire" -> "côte-divoire", "Women's" -> "womens".
APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼ`´"), None)


def slugify(text) -> str:
    """Lowercase words of any script joined by hyphens; "" when the text has no letter or digit."""
    text = unicodedata.normalize("NFKC", str(text or "")).translate(APOSTROPHES).lower()
    # lower() can produce decomposed forms ("İ" -> "i̇"); normalise again so the result is stable.
    text = unicodedata.normalize("NFKC", text)
    words, word = [], []
    for ch in text:
        kind = unicodedata.category(ch)[0]
        # A mark belongs to the letter before it; a stray one (an emoji's variation selector) is dropped.
        if kind in "LN" or (kind == "M" and word):
            word.append(ch)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return "-".join(words)


def is_slug(value: str) -> bool:
    return bool(value) and slugify(value) == value


def unique_slug(instance, source: str, *, field: str = "slug", max_length: int = 200) -> str:
    """A slug from ``source`` that no other row of the model holds yet ("name", "name-2", ...).

    Only used to fill a blank slug; a slug typed by an editor is kept as typed and a clash is
    reported by the form's uniqueness check instead of being silently renamed. A source with no
    usable character falls back to the model's name: "region-1", "region-2"...
    """
    base = slugify(source)[: max_length - 8].strip("-")
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    if base:
        candidate, n = base, 2
    else:
        base = instance._meta.model_name
        candidate, n = f"{base}-1", 2
    while others.filter(**{field: candidate}).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


@deconstructible
class SlugValidator:
    """For slugs typed by editors: exactly what :func:`slugify` would make of them."""

    message = "Use lowercase letters (any script), digits and single hyphens between words, e.g. “%(suggestion)s”."

    def __call__(self, value):
        if not is_slug(value):
            raise ValidationError(self.message, code="invalid", params={"suggestion": slugify(value) or "my-article"})

    def __eq__(self, other):
        return isinstance(other, SlugValidator)


validate_slug = SlugValidator()


class SlugConverter:
    """``<uslug:slug>`` in URL patterns: matches any path segment, then accepts exactly a slug."""

    regex = "[^/]+"

    def to_python(self, value):
        if not is_slug(value):
            raise ValueError("not a slug")
        return value

    def to_url(self, value):
        return str(value)


def slug_url(viewname: str, slug: str) -> str:
    """``reverse(viewname, kwargs={"slug": slug})``, for the addresses every page prints by the dozen
    (each card links its article, authors and tags). The pattern is reversed once per URL
    configuration and script prefix; the slug is then quoted into it exactly as ``reverse`` does."""
    if not slug or "/" in slug:
        return reverse(viewname, kwargs={"slug": slug})  # reverse's own answer, or its NoReverseMatch
    before, after = _slug_url_parts(viewname, settings.ROOT_URLCONF, *rendering.links())
    return before + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + after


@functools.cache
def _slug_url_parts(viewname, root_urlconf, script_prefix, urlconf):
    marker = "slug"
    before, _, after = reverse(viewname, kwargs={"slug": marker}).rpartition(marker)
    return before, after
