"""Artwork for the demo, drawn with Pillow when the demo loads: no downloads, no binaries in git.

Lead images are abstract compositions (one motif and palette per article) so that no picture can
be mistaken for news photography. Shapes are drawn at twice the final size and scaled down,
because Pillow draws polygons and lines without anti-aliasing.
"""

import io
import math
import random

from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFilter, ImageFont

LEAD_SIZE = (1600, 900)
PHOTO_SIZE = 400
SCALE = 2


def lead_image(*, seed: str, palette: tuple[str, str, str, str], motif: str, label: str = "") -> bytes:
    """A JPEG of ``LEAD_SIZE``; ``palette`` is (light sky, deep ground, accent, highlight) as hex colours."""
    rng = random.Random(seed)
    light, deep, accent, highlight = (ImageColor.getrgb(colour) for colour in palette)
    width, height = LEAD_SIZE[0] * SCALE, LEAD_SIZE[1] * SCALE
    image = _vertical_gradient((width, height), light, deep)
    MOTIFS[motif](image, rng, deep=deep, accent=accent, highlight=highlight)
    image = image.resize(LEAD_SIZE, Image.Resampling.LANCZOS)
    image = _vignette(image, deep)
    if label:
        _label(image, label, highlight)
    return _jpeg(_grain(image))


def author_photo(*, name: str, colour: str) -> bytes:
    """A square avatar: the author's initials on a softly lit background."""
    base = ImageColor.getrgb(colour)
    image = _vertical_gradient((PHOTO_SIZE, PHOTO_SIZE), _mix(base, (255, 255, 255), 0.25), _mix(base, (0, 0, 0), 0.3))
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=PHOTO_SIZE * 2 // 5)
    ImageDraw.Draw(image).text(
        (PHOTO_SIZE / 2, PHOTO_SIZE / 2), initials, font=font, anchor="mm", fill=(255, 255, 255), stroke_width=3
    )
    return _jpeg(_grain(image, strength=0.15))


def _ridges(image, rng, *, deep, accent, highlight):
    """Layered hills under a low sun: landscape, land and water stories."""
    width, height = image.size
    _glow(image, (width * rng.uniform(0.55, 0.8), height * 0.38), height * 0.16, accent, blur=height * 0.05)
    draw = ImageDraw.Draw(image, "RGBA")
    for layer in range(5):
        colour = _mix(highlight, deep, 0.25 + layer * 0.18)
        baseline = height * (0.5 + layer * 0.1)
        phases = [rng.uniform(0, math.tau) for _ in range(3)]
        points = [(x, baseline + _wave(x / width, phases) * height * 0.06) for x in range(0, width + 40, 40)]
        draw.polygon([*points, (width, height), (0, height)], fill=(*colour, 255))


def _orbs(image, rng, *, deep, accent, highlight):
    """Soft overlapping light: heat, health and anything without a natural picture."""
    width, height = image.size
    for _ in range(9):
        centre = (rng.uniform(0, width), rng.uniform(height * 0.1, height * 0.9))
        colour = rng.choice([accent, highlight, _mix(accent, highlight, 0.5)])
        _glow(image, centre, rng.uniform(0.12, 0.32) * height, colour, blur=rng.uniform(20, 70), opacity=0.55)
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(4):
        x, y, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(0.05, 0.12) * height
        draw.ellipse((x - r, y - r, x + r, y + r), outline=(*highlight, 140), width=SCALE * 2)


def _bars(image, rng, *, deep, accent, highlight):
    """A chart-like skyline with a trend line: data and economy stories."""
    width, height = image.size
    draw = ImageDraw.Draw(image, "RGBA")
    for row in range(1, 6):
        y = height * row / 6
        draw.line((0, y, width, y), fill=(*highlight, 45), width=SCALE)
    count, gap = 22, width * 0.008
    bar_width = width / count - gap
    level, tops = 0.45, []
    for index in range(count):
        level = min(0.72, max(0.18, level + rng.uniform(-0.1, 0.11)))
        left = index * (bar_width + gap) + gap / 2
        top = height * (1 - level)
        tops.append((left + bar_width / 2, top))
        colour = accent if index == count - 4 else _mix(highlight, deep, 0.35)
        draw.rectangle((left, top, left + bar_width, height), fill=(*colour, 170))
    draw.line(tops, fill=(*accent, 255), width=SCALE * 4, joint="curve")
    for x, y in tops[-4:-3]:
        r = SCALE * 12
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*highlight, 255))


def _rings(image, rng, *, deep, accent, highlight):
    """Contours round a point, like a map or a radar: security and diplomacy stories."""
    width, height = image.size
    cx, cy = width * rng.uniform(0.58, 0.75), height * rng.uniform(0.4, 0.6)
    _glow(image, (cx, cy), height * 0.2, accent, blur=height * 0.08, opacity=0.7)
    draw = ImageDraw.Draw(image, "RGBA")
    for ring in range(1, 16):
        r = ring * height * 0.07 * rng.uniform(0.92, 1.08)
        alpha = max(30, 170 - ring * 10)
        draw.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8), outline=(*highlight, alpha), width=SCALE * 2)
    draw.line((cx, 0, cx, height), fill=(*highlight, 60), width=SCALE)
    draw.line((0, cy, width, cy), fill=(*highlight, 60), width=SCALE)
    for _ in range(5):
        x, y, r = rng.uniform(0.1, 0.9) * width, rng.uniform(0.15, 0.85) * height, SCALE * 7
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*accent, 230))


def _waves(image, rng, *, deep, accent, highlight):
    """Many thin lines swelling in the middle, like a signal: energy and election stories."""
    width, height = image.size
    draw = ImageDraw.Draw(image, "RGBA")
    phases = [rng.uniform(0, math.tau) for _ in range(3)]
    lines = 34
    for index in range(lines):
        offset = height * (0.2 + 0.6 * index / lines)
        emphasis = index == lines // 2
        points = []
        for x in range(0, width + 20, 20):
            envelope = math.exp(-(((x / width) - 0.55) ** 2) / 0.05)
            points.append((x, offset + _wave(x / width + index * 0.015, phases) * envelope * height * 0.12))
        colour = (*accent, 255) if emphasis else (*highlight, 80)
        draw.line(points, fill=colour, width=SCALE * (4 if emphasis else 1), joint="curve")


MOTIFS = {"ridges": _ridges, "orbs": _orbs, "bars": _bars, "rings": _rings, "waves": _waves}


def _wave(x, phases):
    return sum(math.sin(x * math.tau * (k + 1) + phase) / (k + 1) for k, phase in enumerate(phases))


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _vertical_gradient(size, top, bottom):
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _glow(image, centre, radius, colour, *, blur, opacity=0.9):
    x, y = centre
    layer = Image.new("L", image.size, 0)
    ImageDraw.Draw(layer).ellipse((x - radius, y - radius, x + radius, y + radius), fill=round(255 * opacity))
    image.paste(Image.new("RGB", image.size, colour), mask=layer.filter(ImageFilter.GaussianBlur(blur)))


def _vignette(image, colour):
    mask = Image.radial_gradient("L").resize(image.size).point(lambda v: max(0, v - 110) * 0.9)
    return Image.composite(Image.new("RGB", image.size, colour), image, mask)


def _label(image, text, colour):
    """A small letter-spaced kicker in the corner, the way a graphics desk signs its work."""
    draw = ImageDraw.Draw(image, "RGBA")
    font = ImageFont.load_default(size=22)
    x, y = 56, image.height - 64
    draw.line((x, y - 18, x + 48, y - 18), fill=(*colour, 230), width=3)
    draw.text((x, y), " ".join(text.upper()), font=font, fill=(*colour, 220))


def _grain(image, strength=0.18):
    # Flat digital gradients band visibly once JPEG-compressed; a little noise hides the steps.
    noise = Image.effect_noise(image.size, 40).convert("RGB")
    return Image.blend(image, ImageChops.overlay(image, noise), strength)


def _jpeg(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()
