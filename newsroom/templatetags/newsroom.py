from django import template

from newsroom.absolute import absolute_url

register = template.Library()


@register.filter(name="absolute")
def absolute(path_or_url):
    """``{{ article.get_absolute_url|absolute }}``: the address on SITE_URL, never the request's host."""
    return absolute_url(str(path_or_url or "/"))


@register.filter
def minutes(delta):
    """A timedelta as whole minutes (at least 1), e.g. for the login cool-off."""
    return max(1, round(delta.total_seconds() / 60)) if delta else ""
