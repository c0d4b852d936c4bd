import functools
import html
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.dates import MONTHS_3
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsroom import rendering
from newsroom.absolute import absolute_url
from newsroom.text import xml_safe

register = template.Library()


@register.filter(name="absolute")
def absolute(path_or_url):
    """``{{ article.get_absolute_url|absolute }}``: the address on SITE_URL, never the request's host."""
    return absolute_url(str(path_or_url or "/"))


@register.filter
def minutes(delta):
    """A timedelta as whole minutes (at least 1), e.g. for the login cool-off."""
    return max(1, round(delta.total_seconds() / 60)) if delta else ""


# As Django's json_script: these three can never close the <script> element or open a comment.
_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter(name="ld_json")
def ld_json(data):
    """``{{ data|ld_json }}``: a ``<script type="application/ld+json">`` block whose text stays inert."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_LD_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter(name="xml_text")
def xml_text(value):
    return xml_safe(value)


# Dates on cards: a listing prints two per story, and Django's general ``date`` filter (a format
# parser and a translation lookup per letter) cost more than the rest of the card. These print
# exactly what ``date:"c"`` and ``date:"j M Y"`` print.
@register.filter(expects_localtime=True)
def iso(value):
    return value.isoformat() if value else ""


@register.filter(expects_localtime=True)
def day_month_year(value):
    return f"{value.day} {_month_abbreviation(rendering.current_language(), value.month)} {value.year}" if value else ""


@register.filter(expects_localtime=True)
def time_tag(value):
    """``<time datetime="(iso)">(day_month_year)</time>``: a card's date, converted once. Written
    out rather than with ``format_html``, which cost as much again: an ISO date needs no escaping."""
    if not value:
        return ""
    return mark_safe(f'<time datetime="{iso(value)}">{html.escape(day_month_year(value))}</time>')


@functools.cache
def _month_abbreviation(language, month):
    return str(MONTHS_3[month]).title()
