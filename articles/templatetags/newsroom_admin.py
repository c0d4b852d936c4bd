from django import template

from articles.dashboard import sections_for

register = template.Library()


@register.inclusion_tag("admin/articles/dashboard.html")
def newsroom_dashboard(user):
    return {"sections": sections_for(user)}
