import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from reversion.models import Version
from taggit.models import Tag

from images.admin import live_preview, preview, thumbnail

from . import permissions, revisions, workflow
from .forms import ArticleAdminForm, ShareLinkForm
from .models import Article, Byline, Correction, PreviewLink, Region, Topic
from .previews import preview_response


def button_label(action, article):
    if article.is_scheduled:
        return {"publish": "Publish at the time set", "unpublish": "Unschedule"}.get(
            action, workflow.TRANSITIONS[action].label
        )
    return workflow.TRANSITIONS[action].label


class ArticlePartInline:
    """Inlines are editable exactly when their article is (a writer cannot touch a published piece's
    bylines through the back door of an inline)."""

    def _article_editable(self, request, obj):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


class BylineInline(ArticlePartInline, admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline"
    verbose_name_plural = "Bylines (in the order readers see them)"


class EditorOnlyInline(ArticlePartInline):
    def has_view_permission(self, request, obj=None):
        return permissions.is_editor(request.user) and super().has_view_permission(request, obj)


class CorrectionInline(EditorOnlyInline, admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "note", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name_plural = "Corrections and updates (shown at the foot of the published article)"

    # Corrections only exist for what readers have seen; a draft is simply edited.
    def _article_editable(self, request, obj):
        return self._was_published(obj) and super()._article_editable(request, obj)

    def has_view_permission(self, request, obj=None):
        return self._was_published(obj) and super().has_view_permission(request, obj)

    @staticmethod
    def _was_published(obj):
        return obj is not None and obj.first_published_at is not None


class ShareLinkInline(EditorOnlyInline, admin.TabularInline):
    model = PreviewLink
    form = ShareLinkForm
    extra = 1
    fields = ["link", "expires_at", "created_by", "lifetime"]
    readonly_fields = ["link", "expires_at", "created_by"]
    verbose_name = "share link"
    verbose_name_plural = "Share links (let someone without a login read this article; delete one to revoke it)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description="Link")
    def link(self, obj):
        if not obj.pk:
            return "-"
        state = "" if obj.expires_at > timezone.now() else " (expired)"
        url = self.request_base + obj.get_absolute_url()
        return format_html(
            '<input type="text" readonly value="{}" class="vTextField" onclick="this.select()">{}', url, state
        )

    def get_formset(self, request, obj=None, **kwargs):
        self.request_base = request.build_absolute_uri("/").rstrip("/")
        return super().get_formset(request, obj, **kwargs)


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


class StateFilter(admin.SimpleListFilter):
    """Status as the newsroom sees it, with "scheduled" apart from live articles."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("review", "In review"), ("scheduled", "Scheduled"), ("live", "Live"),
                ("withdrawn", "Withdrawn")]  # fmt: skip

    def queryset(self, request, queryset):
        match self.value():
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
            case None:
                return queryset
            case state:
                return queryset.in_state(state)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline, CorrectionInline, ShareLinkInline]
    list_display = ["image_thumbnail", "headline", "status_badge", "byline", "region_list", "topic_list", "publish_at"]
    list_display_links = ["image_thumbnail", "headline"]
    list_filter = [StateFilter, RegionFilter, TopicFilter, ("authors", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["headline", "deck", "body"]
    date_hierarchy = "publish_at"
    list_per_page = 50
    autocomplete_fields = ["lead_image"]
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/object_history.html"

    class Media:
        css = {"all": ["admin/newsroom.css"]}
        js = ["admin/tag_autocomplete.js", "admin/word_count.js", "admin/image_preview.js"]

    # --- who sees and edits what -------------------------------------------------------------

    def get_queryset(self, request):
        articles = super().get_queryset(request).for_listing()
        if permissions.is_editor(request.user):
            return articles
        return articles.owned_by(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or permissions.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or permissions.can_delete(request.user, obj)
        )

    def get_fieldsets(self, request, obj=None):
        publishing = ["state", "publish_at", "review_note", "version"]
        return [
            (None, {"fields": ["headline", "slug", "deck", "body", "reading_time", "summary"]}),
            ("Tags", {"fields": ["regions", "topics"]}),
            ("Lead image", {"fields": ["lead_image", "lead_image_preview"]}),
            ("Publishing", {"fields": publishing}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # Scheduling and notes to writers are editors' tools; a writer's POST of them is ignored.
        if permissions.is_editor(request.user):
            return ["state", "lead_image_preview", "reading_time"]
        return ["state", "lead_image_preview", "reading_time", "publish_at", "review_note"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return live_preview(formfield) if db_field.name == "lead_image" else formfield

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def view_on_site(self, obj):
        """The public page once readers can see it; until then the preview, not a 404."""
        if Article.objects.published().filter(pk=obj.pk).exists():
            return obj.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[obj.pk])

    @admin.display(description="State")
    def state(self, obj):
        if obj.pk is None:
            return "Draft (not saved yet)"
        if obj.is_scheduled:
            return f"Scheduled for {timezone.localtime(obj.publish_at):%d %b %Y, %H:%M %Z}"
        return obj.state_label

    # --- saving goes through the workflow ----------------------------------------------------

    def save_model(self, request, obj, form, change):
        workflow.save_article(article=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model not in (Correction, PreviewLink):
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if obj.pk:
                obj.save()
            elif isinstance(obj, Correction):
                workflow.add_correction(article=form.instance, by=request.user, kind=obj.kind, note=obj.note)
            else:
                workflow.create_share_link(article=form.instance, by=request.user, expires_at=obj.expires_at)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        action = form.requested_action
        if action is None:
            return
        article = form.instance
        if action == "publish":
            workflow.publish(article=article, by=request.user, at=form.cleaned_data.get("publish_at"))
        elif action == "send_back":
            workflow.send_back(article=article, by=request.user, note=form.cleaned_data.get("review_note", ""))
        else:
            getattr(workflow, action)(article=article, by=request.user)
        self.message_user(request, f"“{article}” is now {article.state_label.lower()}.", messages.SUCCESS)

    def _response_after_save(self, request, obj, default):
        if any(f"_{action}" in request.POST for action in workflow.TRANSITIONS):
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return default

    def response_add(self, request, obj, post_url_continue=None):
        return self._response_after_save(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._response_after_save(request, obj, super().response_change(request, obj))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._describe_revision(entry, "Created.")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._describe_revision(entry, "Saved without changes.")
        return entry

    @staticmethod
    def _describe_revision(entry, fallback):
        # A transition run from the form (save_related) has already described itself; keep both.
        parts = [entry.get_change_message(), reversion.get_comment()]
        reversion.set_comment(" ".join(part for part in parts if part) or fallback)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article()
        actions = (
            workflow.allowed_actions(article=article, by=request.user)
            if self.has_change_permission(request, obj)
            else []
        )
        context["workflow_buttons"] = [(f"_{action}", button_label(action, article)) for action in actions]
        context["preview_url"] = reverse("admin:articles_article_preview", args=[obj.pk] if obj else [])
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- change list columns -----------------------------------------------------------------

    @admin.display(description="")
    def image_thumbnail(self, obj):
        return thumbnail(obj.lead_image)

    @admin.display(description="Current lead image")
    def lead_image_preview(self, obj):
        return preview(obj.lead_image)

    @admin.display(description="Length")
    def reading_time(self, obj):
        return f"{obj.word_count} words, about {obj.reading_minutes} min to read"

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        return format_html('<span class="nr-badge nr-badge--{}">{}</span>', obj.state_key, obj.state_label)

    @admin.display(description="Byline")
    def byline(self, obj):
        return obj.byline_text

    @admin.display(description="Regions")
    def region_list(self, obj):
        return ", ".join(tag.name for tag in obj.regions.all())

    @admin.display(description="Topics")
    def topic_list(self, obj):
        return ", ".join(tag.name for tag in obj.topics.all())

    # --- preview, history, compare, restore --------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            # cacheable=True: preview_response sets its own stricter Cache-Control.
            path("preview/", view(self.preview_view, cacheable=True), name="articles_article_preview"),
            path("<path:object_id>/preview/", view(self.preview_view, cacheable=True), name="articles_article_preview"),
            path("<path:object_id>/history/compare/", view(self.compare_view), name="articles_article_compare"),
            path(
                "<path:object_id>/history/restore/<int:version_id>/",
                view(require_POST(self.restore_view)),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _get_viewable(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404("No such article.")
        return obj

    @method_decorator(transaction.atomic)
    def preview_view(self, request, object_id=None):
        """GET: the saved article. POST (the form's Preview button): the unsaved form, saved inside
        a transaction that is rolled back after rendering, so the preview is exactly what a save
        would show and nothing is stored. New image uploads are not previewed."""
        obj = self._get_viewable(request, object_id) if object_id else None
        if obj is None and not self.has_add_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            if obj is None:
                raise Http404("Save the article once to preview it without the form.")
            return preview_response(request, obj, note="Preview of the saved version.")
        if obj is not None and not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(request.POST, None, instance=obj)
        form_valid = form.is_valid()
        formsets, _ = self._create_formsets(request, form.instance, change=obj is not None)
        if not (form_valid and all(fs.is_valid() for fs in formsets)):
            errors = [
                *form.non_field_errors(),
                *(f"{form[name].label}: {e[0]}" for name, e in form.errors.items() if name in form.fields),
            ]
            return TemplateResponse(
                request,
                "admin/articles/article/preview_errors.html",
                {"errors": errors, **self.admin_site.each_context(request)},
                status=400,
            )
        with transaction.atomic():
            article = form.save()
            for formset in formsets:
                formset.instance = article
                formset.save()
            response = preview_response(
                request, Article.objects.for_detail().get(pk=article.pk), note="Preview of unsaved changes."
            )
            response.render()
            transaction.set_rollback(True)
        return response

    def history_view(self, request, object_id, extra_context=None):
        obj = self._get_viewable(request, object_id)
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "versions": versions,
            "can_restore": self.has_change_permission(request, obj),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj = self._get_viewable(request, object_id)
        versions = Version.objects.get_for_object(obj)
        older = get_object_or_404(versions, pk=request.GET.get("a") or 0)
        newer = get_object_or_404(versions, pk=request.GET.get("b") or 0)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare revisions: {obj}",
            "opts": self.opts,
            "object": obj,
            "older": older,
            "newer": newer,
            "changes": revisions.compare(older, newer),
            "can_restore": self.has_change_permission(request, obj),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        obj = self._get_viewable(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        workflow.restore_revision(article=obj, version=version, by=request.user)
        self.message_user(
            request, "The revision was restored. The article's address and publication state did not change."
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))


class TagAdmin(admin.ModelAdmin):
    """Regions and topics: rename or tidy here; the suggest view feeds the article form."""

    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("tagged_articles"))

    @admin.display(description="Articles", ordering="num_articles")
    def article_count(self, obj):
        return obj.num_articles

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "suggest/", self.admin_site.admin_view(self.suggest), name=f"{opts.app_label}_{opts.model_name}_suggest"
            ),
            *super().get_urls(),
        ]

    def suggest(self, request):
        """Names starting with (or with a word starting with) the typed text, for the tag inputs."""
        if not request.user.has_perm("articles.change_article"):
            return JsonResponse({"results": []}, status=403)
        term = request.GET.get("term", "").strip()
        names = self.model.objects.filter(Q(name__istartswith=term) | Q(name__icontains=f" {term}")).values_list(
            "name", flat=True
        )[:15]
        return JsonResponse({"results": list(names)})


admin.site.register(Region, TagAdmin)
admin.site.register(Topic, TagAdmin)
# taggit's own generic Tag model is unused: articles have two separate vocabularies instead.
admin.site.unregister(Tag)
