from django.contrib import admin

from .models import LegacyPath, WordPressPost


@admin.register(WordPressPost)
class WordPressPostAdmin(admin.ModelAdmin):
    list_display = ["post_id", "article", "imported_at"]
    search_fields = ["post_id", "guid", "article__headline"]
    raw_id_fields = ["article"]


@admin.register(LegacyPath)
class LegacyPathAdmin(admin.ModelAdmin):
    list_display = ["path", "article"]
    search_fields = ["path", "article__headline"]
    raw_id_fields = ["article"]
