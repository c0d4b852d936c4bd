"""Library images inside an article body, as public pages show them.

The editor stores ``<figure class="figure"><img src=... alt=... data-file="ID"><figcaption>…``
(already sanitised: see ``newsroom.sanitizer``). Readers get each figure re-rendered from the
library row ``ID``: a responsive ``<picture>`` of its current renditions, the caption typed in the
body (or the library caption) and the library credit. An image without a library id, or whose
image was deleted, is left out. One query per body, whatever the number of figures (or one for a
whole list of bodies, with ``figure_images``).

``portable_body`` is the same HTML for readers away from the site (the read API): figures rendered
as above and every address absolute, so a consumer can show it as it is.
"""

import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from newsroom.absolute import absolute_html

# A figure, or an image the writer took out of its figure: both become a library figure.
_FIGURE = re.compile(r"<figure\b[^>]*>(.*?)</figure>|(<img\b[^>]*>)", re.S)
# Starts with a literal so the regex engine can skip ahead: with a leading \b it read every body of
# a feed character by character (50 times slower). The sanitiser allows no other attribute name
# ending in "data-file".
_FILE = re.compile(r'data-file="(\d+)"')
_CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
_ALT = re.compile(r'\balt="([^"]*)"')


def image_ids(html: str) -> set[int]:
    return {int(pk) for pk in _FILE.findall(html or "")}


def figure_images(htmls) -> dict:
    """The library images the figures of these bodies show, by id, in one query."""
    from .models import Image

    ids = set().union(*(image_ids(html) for html in htmls))
    return Image.objects.in_bulk(ids) if ids else {}


def render_figures(html: str, sizes="(min-width: 48rem) 42rem, 100vw", images=None) -> str:
    """``images``: from ``figure_images`` when rendering many bodies; loaded here otherwise."""
    if "<figure" not in (html or "") and "<img" not in (html or ""):
        return html or ""  # most bodies: nothing to render, no need to scan them twice
    if images is None:
        images = figure_images([html])

    def figure(match):
        inner = match.group(1) or match.group(2)
        found = _FILE.search(inner)
        image = images.get(int(found.group(1))) if found else None
        if image is None:
            return ""
        caption, alt = _CAPTION.search(inner), _ALT.search(inner)
        context = {
            "image": image,
            # The writer's alt text for this use of the picture; the library's when left empty.
            "alt": mark_safe(alt.group(1)) if alt and alt.group(1).strip() else image.alt_text,  # already escaped
            "caption": mark_safe(caption.group(1)) if caption else image.caption,  # sanitised HTML
            "sizes": sizes,
        }
        return render_to_string("images/body_figure.html", context).strip()

    return _FIGURE.sub(figure, html or "")


def portable_body(html: str, base: str, images=None) -> str:
    """The public body, self-contained: library figures rendered, links and image addresses
    absolute (relative ones resolved against ``base``, the article's path)."""
    return absolute_html(render_figures(html, images=images), base=base)
