from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .models import Author


def thumbnail(image, alt="", size=48):
    if not image:
        return mark_safe('<span class="nr-thumb nr-thumb--empty" aria-hidden="true"></span>')
    return format_html(
        '<img src="{}" alt="{}" class="nr-thumb" width="{}" height="{}" loading="lazy">', image.url, alt, size, size
    )


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["photo_thumbnail", "name", "title", "user", "article_count", "is_active"]
    list_display_links = ["photo_thumbnail", "name"]
    list_filter = ["is_active"]
    search_fields = ["name", "title", "bio", "user__username", "user__email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "title", "bio", "photo", "user", "is_active"]}),
        ("Links", {"fields": ["website", "twitter", "mastodon", "linkedin"]}),
    ]

    class Media:
        css = {"all": ["admin/newsroom.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").annotate(num_articles=Count("bylines"))

    @admin.display(description="Photo")
    def photo_thumbnail(self, obj):
        return thumbnail(obj.photo, obj.name)

    @admin.display(description="Articles", ordering="num_articles")
    def article_count(self, obj):
        return obj.num_articles
