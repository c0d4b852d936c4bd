from django.contrib import admin
from django.db import models
from django.db.models import Count

from images.admin import live_preview, preview, thumbnail

from .forms import AuthorAdminForm
from .models import Author

MANAGE = "authors.manage_author"


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["photo_thumbnail", "name", "title", "user", "article_count", "is_active"]
    list_display_links = ["photo_thumbnail", "name"]
    list_filter = ["is_active"]
    search_fields = ["name", "title", "bio", "user__username", "user__email"]
    autocomplete_fields = ["user", "photo"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "title", "bio", "photo", "photo_preview", "user", "is_active", "version"]}),
        ("Links", {"fields": ["website", "twitter", "mastodon", "linkedin"]}),
    ]

    class Media:
        css = {"all": ["admin/newsroom.css"]}
        js = ["admin/image_preview.js"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return live_preview(formfield) if db_field.name == "photo" else formfield

    def get_queryset(self, request):
        # Explicit order: Meta.ordering is dropped from GROUP BY queries.
        return (
            super()
            .get_queryset(request)
            .select_related("user", "photo")
            .annotate(num_articles=Count("bylines"))
            .order_by("name")
        )

    def has_change_permission(self, request, obj=None):
        """Editors manage every profile; a writer edits only the profile linked to their login."""
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.user_id == request.user.pk or request.user.has_perm(MANAGE))

    def get_readonly_fields(self, request, obj=None):
        return ["photo_preview"] if request.user.has_perm(MANAGE) else ["photo_preview", "slug", "user", "is_active"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Photo")
    def photo_thumbnail(self, obj):
        return thumbnail(obj.photo, obj.name)

    @admin.display(description="Current photo")
    def photo_preview(self, obj):
        return preview(obj.photo)

    @admin.display(description="Articles", ordering="num_articles")
    def article_count(self, obj):
        return obj.num_articles
