from django import template

from articles.dashboard import sections_for
from newsroom.dates import admin_datetime

register = template.Library()


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def newsroom_dashboard(context, user):
    return {"sections": sections_for(user), "perms": context.get("perms")}


@register.filter
def newsroom_datetime(value):
    """Every date and time the admin shows, in the newsroom's time zone with its name."""
    return admin_datetime(value)
