"""Library images as reader pages show them: plain functions, used by the Jinja2 environment
(``newsroom/jinja2.py``: ``image_tag``, ``rendition_url``, ``with_renditions``) and by the
structured data."""

from django.utils.safestring import mark_safe

from images.body import render_figures


def picture_context(image, ratio="original", sizes="100vw", alt=None, priority=False, css_class=""):
    """What ``images/picture.html`` prints for ``image_tag(article.lead_image, ratio="16:9", sizes=...)``.

    A ``<picture>``: WebP for browsers that take it, JPEG/PNG otherwise, each at every width made,
    so the browser picks by ``sizes``. ``width``/``height`` carry the crop's ratio, so nothing moves
    while it loads. Images load lazily unless ``priority`` (the one lead picture above the fold).
    ``alt=""`` marks a decorative copy (a card's picture beside its own headline link).
    """
    if not image:
        return {"image": None}
    renditions = image.rendition_set(ratio)
    fallback = [r for r in renditions.fallback if r.width <= 960][-1] if renditions.fallback else None
    return {
        "image": image,
        "alt": image.alt_text if alt is None else alt,
        "sizes": sizes,
        "webp_srcset": ", ".join(f"{r.url} {r.width}w" for r in renditions.webp),
        "fallback_srcset": ", ".join(f"{r.url} {r.width}w" for r in renditions.fallback),
        "src": (fallback or renditions.smallest).url,
        "width": renditions.largest.width,
        "height": renditions.largest.height,
        "priority": priority,
        "css_class": css_class,
    }


def rendition_url(image, ratio="original", width=1280):
    """One rendition's URL (JPEG/PNG, the widest made up to ``width``): for og:image and JSON-LD."""
    fallback = image.rendition_set(ratio).fallback
    return ([r for r in fallback if r.width <= width] or fallback[:1])[-1].url


def with_renditions(body_html):
    """``{{ article.body|with_renditions }}``: the sanitised body with library figures as responsive pictures."""
    return mark_safe(render_figures(body_html))  # the body is sanitised on every save
