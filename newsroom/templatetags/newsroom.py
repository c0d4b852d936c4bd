import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
