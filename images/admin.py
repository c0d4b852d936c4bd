from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .forms import ImageForm
from .models import Image


def thumbnail(image, alt="", size=48):
    """An admin list thumbnail from the smallest square rendition (a few KB), never the original."""
    if not image:
        return mark_safe('<span class="nr-thumb nr-thumb--empty" aria-hidden="true"></span>')
    return format_html(
        '<img src="{}" alt="{}" class="nr-thumb" width="{}" height="{}" loading="lazy">',
        image.thumbnail.url,
        alt,
        size,
        size,
    )


def preview(image):
    """A larger preview (the 640-wide rendition at its own ratio) for change forms."""
    if not image:
        return "-"
    rendition = [r for r in image.rendition_set().webp if r.width <= 640][-1]
    return format_html(
        '<img src="{}" alt="{}" class="nr-preview" width="{}" height="{}">',
        rendition.url,
        image.alt_text,
        rendition.width,
        rendition.height,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["list_thumbnail", "alt_text", "credit", "size", "uploaded_by", "created_at"]
    list_display_links = ["list_thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    list_per_page = 50
    fields = ["file", "image_preview", "alt_text", "caption", "credit", "focal_x", "focal_y", "used_on"]
    readonly_fields = ["image_preview", "used_on"]

    class Media:
        css = {"all": ["admin/newsroom.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    def save_model(self, request, obj, form, change):
        if obj.uploaded_by_id is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="")
    def list_thumbnail(self, obj):
        return thumbnail(obj, "")

    @admin.display(description="Size")
    def size(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description="Preview")
    def image_preview(self, obj):
        return preview(obj if obj.pk else None)

    @admin.display(description="Used on")
    def used_on(self, obj):
        places = obj.usage() if obj.pk else []
        return "; ".join(places) or "Not used yet (can be deleted)."
