from django.contrib import admin
from django.db.models import Count, Q
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from authors.admin import thumbnail

from .forms import ArticleAdminForm
from .models import Article, Byline, Region, Topic


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline"
    verbose_name_plural = "Bylines (in the order readers see them)"


class TagFilter(admin.SimpleListFilter):
    """Filter the change list by one region or topic; lists only tags in use."""

    tag_model = None

    def lookups(self, request, model_admin):
        return [(tag.slug, tag.name) for tag in self.tag_model.objects.filter(tagged_articles__isnull=False).distinct()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.parameter_name}__slug": self.value()})
        return queryset


class RegionFilter(TagFilter):
    title = parameter_name = "regions"
    tag_model = Region


class TopicFilter(TagFilter):
    title = parameter_name = "topics"
    tag_model = Topic


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = ["image_thumbnail", "headline", "status_badge", "byline", "region_list", "topic_list", "publish_at"]
    list_display_links = ["image_thumbnail", "headline"]
    list_filter = ["status", RegionFilter, TopicFilter, ("authors", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["headline", "deck", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["headline", "slug", "deck", "body", "summary"]}),
        ("Tags", {"fields": ["regions", "topics"]}),
        ("Lead image", {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]}),
        ("Publishing", {"fields": ["status", "publish_at"]}),
    ]

    class Media:
        css = {"all": ["admin/newsroom.css"]}
        js = ["admin/tag_autocomplete.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="")
    def image_thumbnail(self, obj):
        return thumbnail(obj.lead_image, obj.lead_image_alt)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        label = obj.get_status_display()
        state = obj.status
        if obj.status == Article.Status.PUBLISHED and obj.publish_at > timezone.now():
            label, state = "Scheduled", "scheduled"
        return format_html('<span class="nr-badge nr-badge--{}">{}</span>', state, label)

    @admin.display(description="Byline")
    def byline(self, obj):
        return obj.byline_text

    @admin.display(description="Regions")
    def region_list(self, obj):
        return ", ".join(tag.name for tag in obj.regions.all())

    @admin.display(description="Topics")
    def topic_list(self, obj):
        return ", ".join(tag.name for tag in obj.topics.all())


class TagAdmin(admin.ModelAdmin):
    """Regions and topics: rename or merge-by-hand here; the suggest view feeds the article form."""

    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("tagged_articles"))

    @admin.display(description="Articles", ordering="num_articles")
    def article_count(self, obj):
        return obj.num_articles

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "suggest/",
                self.admin_site.admin_view(self.suggest),
                name=f"{opts.app_label}_{opts.model_name}_suggest",
            )
        ] + super().get_urls()

    def suggest(self, request):
        """Names starting with (or containing) the typed text, for the comma-separated tag inputs."""
        term = request.GET.get("term", "").strip()
        if not self.has_view_or_change_permission(request) and not request.user.has_perm("articles.change_article"):
            return JsonResponse({"results": []}, status=403)
        names = self.model.objects.filter(Q(name__istartswith=term) | Q(name__icontains=f" {term}")).values_list(
            "name", flat=True
        )[:15]
        return JsonResponse({"results": list(names)})


admin.site.register(Region, TagAdmin)
admin.site.register(Topic, TagAdmin)
