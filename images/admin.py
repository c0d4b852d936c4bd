from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
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


def live_preview(formfield):
    """Mark a library-image select so static/admin/image_preview.js shows the picture once chosen."""
    if formfield is not None:
        widget = getattr(formfield.widget, "widget", formfield.widget)  # inside the related-object wrapper
        widget.attrs["data-preview-url"] = reverse("admin:images_image_preview_json", args=[0])
    return formfield


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
        js = ["admin/focal_point.js"]

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

    @admin.display(description="Preview (click to set the focal point)")
    def image_preview(self, obj):
        return preview(obj if obj.pk else None)

    @admin.display(description="Used on")
    def used_on(self, obj):
        places = obj.usage() if obj.pk else []
        return "; ".join(places) or "Not used yet (can be deleted)."

    # --- the editor's image picker ------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("picker/", view(self.picker_view), name="images_image_picker"),
            path("<int:pk>/preview.json", view(self.preview_json), name="images_image_preview_json"),
            *super().get_urls(),
        ]

    def preview_json(self, request, pk):
        """The preview of a library image, for forms that just picked one (static/admin/image_preview.js)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        image = get_object_or_404(Image, pk=pk)
        rendition = [r for r in image.rendition_set().webp if r.width <= 640][-1]
        return JsonResponse(
            {"url": rendition.url, "width": rendition.width, "height": rendition.height, "alt": image.alt_text}
        )

    def picker_view(self, request):
        """The window the body editor's "Browse..." opens: choose a library image to insert.

        The choice goes back to the editor through ``static/admin/image_picker.js`` (the editor's
        picker protocol: ``CKEditorFuncNum``); no inline script, so it works under a strict CSP.
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        term = request.GET.get("q", "").strip()
        images = Image.objects.search(term) if term else Image.objects.all()
        page = Paginator(images, 40).get_page(request.GET.get("page"))
        choices = [(image, [r for r in image.rendition_set().fallback if r.width <= 960][-1]) for image in page]
        context = {
            **self.admin_site.each_context(request),
            "title": "Insert an image from the library",
            "opts": self.opts,
            "is_popup": True,
            "choices": choices,
            "page_obj": page,
            "term": term,
            "func_num": request.GET.get("CKEditorFuncNum", ""),
        }
        return TemplateResponse(request, "admin/images/image/picker.html", context)
