"""The allow-lists for editor-supplied HTML. Anything not listed is removed on save.

The body list is exactly what the article editor (``articles.forms.BODY_EDITOR_CONFIG``) can
produce: paragraphs, h2-h4, bold, italic, links, lists, blockquote and pull quote
(``<blockquote class="pullquote">``), horizontal rule, tables, and library images as
``<figure class="figure"><img src=... data-file="ID"><figcaption>``. An inline image's ``src`` may
only be one of this site's rendition URLs; public pages re-render figures from ``data-file``
(``images.body``), so the stored ``src`` is only what the editor shows.

Links may only use http(s) and mailto: ``javascript:``, ``data:`` and ``vbscript:`` never survive,
however they are encoded (nh3 decodes entities and control characters before checking the scheme),
and every link gets ``rel="noopener noreferrer"``. Author bios get paragraphs and inline markup only.

Text pasted from Google Docs, Word or a web page arrives full of styling; ``paste.py`` first turns
the styling that means emphasis into ``<strong>``/``<em>`` (as the editor does on paste), then the
allow-list drops the rest.
"""

import re

import nh3
from django.conf import settings

from .paste import emphasis_to_tags

INLINE_TAGS = {"a", "strong", "em", "br"}
BIO_TAGS = INLINE_TAGS | {"p"}
TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td"}
FIGURE_TAGS = {"figure", "img", "figcaption"}
BODY_TAGS = BIO_TAGS | {"h2", "h3", "h4", "ul", "ol", "li", "blockquote", "hr"} | TABLE_TAGS | FIGURE_TAGS
CELL = {"colspan", "rowspan"}
BIO_ATTRIBUTES = {"*": set(), "a": {"href", "title"}}  # "*": no attribute on every tag (nh3 allows lang, title)
BODY_ATTRIBUTES = BIO_ATTRIBUTES | {"ol": {"start"}, "th": CELL, "td": CELL, "img": {"src", "alt", "data-file"}}
BODY_CLASSES = {"blockquote": {"pullquote"}, "figure": {"figure"}}
URL_SCHEMES = {"http", "https", "mailto"}

_NUMBER = re.compile(r"[1-9][0-9]{0,2}")
_RENDITION = re.compile(r"renditions/[0-9a-f]{64}\.(?:webp|jpg|png)|/images/[0-9a-f]{64}\.(?:webp|jpg|png)")


def _is_rendition_url(value):
    path = value.removeprefix(settings.MEDIA_URL) if settings.MEDIA_URL.startswith("http") else value
    return bool(_RENDITION.fullmatch(path))


def _body_attribute(element, attribute, value):
    """Values nh3 cannot check by itself: numbers stay numbers, images come from the library only."""
    if attribute in CELL or attribute == "start":
        return value if _NUMBER.fullmatch(value) else None
    if element == "img" and attribute == "data-file":
        return value if value.isdigit() else None
    if element == "img" and attribute == "src":
        return value if _is_rendition_url(value) else None
    return value


_body_cleaner = nh3.Cleaner(
    tags=BODY_TAGS,
    attributes=BODY_ATTRIBUTES,
    allowed_classes=BODY_CLASSES,
    attribute_filter=_body_attribute,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)
_bio_cleaner = nh3.Cleaner(
    tags=BIO_TAGS,
    attributes=BIO_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
)
# Leftovers of removed attributes: an emptied class, an image that is not from the library, and the
# empty paragraph that held it.
_LEFTOVERS = re.compile(r' class=""|<img\b(?![^>]*\bdata-file=)[^>]*>')
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")


def _tidy(html):
    return _EMPTY_PARAGRAPH.sub("", _LEFTOVERS.sub("", html)).strip()


def sanitize_body(html: str) -> str:
    return _tidy(_body_cleaner.clean(emphasis_to_tags(html or "")))


def sanitize_bio(html: str) -> str:
    return _bio_cleaner.clean(emphasis_to_tags(html or "")).strip()
