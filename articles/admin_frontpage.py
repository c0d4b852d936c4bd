"""The front page screen: editors place a lead and featured stories, each optionally until a time.

Placements are editors' work only, whatever the model permissions say; showing a story still
depends on ``published()`` (see ``articles.frontpage``)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html

from newsroom.dates import admin_datetime

from . import permissions
from .models import Article, FrontPagePlacement


@admin.register(FrontPagePlacement)
class FrontPagePlacementAdmin(admin.ModelAdmin):
    list_display = ["article", "slot", "position", "until", "showing"]
    list_editable = ["slot", "position", "until"]
    list_select_related = ["article"]
    fields = ["article", "slot", "position", "until"]
    autocomplete_fields = ["article"]

    def has_module_permission(self, request):
        return permissions.is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_editor(request.user)

    has_add_permission = has_view_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def save_model(self, request, obj, form, change):
        obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="On the home page now")
    def showing(self, obj):
        if obj.until and obj.until <= timezone.now():
            return format_html('<span class="nr-badge nr-badge--withdrawn">Ended {}</span>', admin_datetime(obj.until))
        if not Article.objects.published().filter(pk=obj.article_id).exists():
            return format_html('<span class="nr-badge nr-badge--draft">{}</span>', "Waits until the article is live")
        return format_html('<span class="nr-badge nr-badge--published">{}</span>', "Showing")
