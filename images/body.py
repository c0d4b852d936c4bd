"""Library images inside an article body, as public pages show them.

The editor stores ``<figure class="figure"><img src=... alt=... data-file="ID"><figcaption>…``
(already sanitised: see ``newsroom.sanitizer``). Readers get each figure re-rendered from the
library row ``ID``: a responsive ``<picture>`` of its current renditions, the caption typed in the
body (or the library caption) and the library credit. An image without a library id, or whose
image was deleted, is left out. One query per body, whatever the number of figures.
"""

import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

# A figure, or an image the writer took out of its figure: both become a library figure.
_FIGURE = re.compile(r"<figure\b[^>]*>(.*?)</figure>|(<img\b[^>]*>)", re.S)
_FILE = re.compile(r'\bdata-file="(\d+)"')
_CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
_ALT = re.compile(r'\balt="([^"]*)"')


def image_ids(html: str) -> set[int]:
    return {int(pk) for pk in _FILE.findall(html or "")}


def render_figures(html: str, sizes="(min-width: 48rem) 42rem, 100vw") -> str:
    from .models import Image

    if "<figure" not in (html or "") and "<img" not in (html or ""):
        return html or ""  # most bodies: nothing to render, no need to scan them twice
    ids = image_ids(html)
    images = Image.objects.in_bulk(ids) if ids else {}

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
