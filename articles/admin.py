import reversion
from django import forms
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
from js_asset import Media
from reversion.models import Version
from taggit.models import Tag

from authors.models import Author
from images.admin import live_preview, preview, thumbnail
from newsroom.absolute import absolute_url
from newsroom.dates import admin_datetime
from newsroom.text import normalize_line

from . import permissions, revisions, vocabulary, workflow
from .admin_changelist import (
    AuthorFilter,
    CappedCountPaginator,
    DateSafeChangeList,
    RegionFilter,
    StateFilter,
    TopicFilter,
    search_articles,
)
from .admin_vocabulary import RegionTreeAdminMixin, VocabularyAdminMixin
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
    """Rows are ordered by drag or up/down buttons (writing_screen.js sets the hidden positions)."""

    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline"
    verbose_name_plural = "Bylines (in the order readers see them: drag or use the arrows)"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "position":
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class EditorOnlyInline(ArticlePartInline):
    def has_view_permission(self, request, obj=None):
        return permissions.is_editor(request.user) and super().has_view_permission(request, obj)


class CorrectionInline(EditorOnlyInline, admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "note", "created"]
    readonly_fields = ["created"]
    verbose_name_plural = "Corrections and updates (shown at the foot of the published article)"

    # Corrections only exist for what readers have seen; a draft is simply edited.
    def _article_editable(self, request, obj):
        return self._was_published(obj) and super()._article_editable(request, obj)

    def has_view_permission(self, request, obj=None):
        return self._was_published(obj) and super().has_view_permission(request, obj)

    @admin.display(description="Created at")
    def created(self, obj):
        return admin_datetime(obj.created_at) or "-"

    def get_queryset(self, request):
        # Django filters the rows by asking for view permission without the article, which this
        # inline refuses (no article, no corrections) and so showed none. Whether the article
        # may show corrections was asked, with the article, before this inline was built.
        return self.model._default_manager.all()

    @staticmethod
    def _was_published(obj):
        return obj is not None and obj.first_published_at is not None


class ShareLinkInline(EditorOnlyInline, admin.TabularInline):
    model = PreviewLink
    form = ShareLinkForm
    extra = 1
    fields = ["link", "expires", "created_by", "lifetime"]
    readonly_fields = ["link", "expires", "created_by"]
    verbose_name = "share link"
    verbose_name_plural = "Share links (let someone without a login read this article; delete one to revoke it)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description="Expires at")
    def expires(self, obj):
        return admin_datetime(obj.expires_at) or "-"

    @admin.display(description="Link")
    def link(self, obj):
        if not obj.pk:
            return "-"
        state = "" if obj.expires_at > timezone.now() else " (expired)"
        url = absolute_url(obj.get_absolute_url())
        return format_html(
            '<input type="text" readonly value="{}" class="vTextField nr-share-link" aria-label="Share link">{}',
            url,
            state,
        )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline, CorrectionInline, ShareLinkInline]
    list_display = [
        "image_thumbnail",
        "headline",
        "status_badge",
        "byline",
        "region_list",
        "topic_list",
        "publish_time",
    ]
    list_display_links = ["image_thumbnail", "headline"]
    list_filter = [StateFilter, "kind", RegionFilter, TopicFilter, AuthorFilter]
    search_fields = ["headline", "deck", "body"]  # SQLite; full text on PostgreSQL (search_articles)
    search_help_text = "Words in the headline, deck, body, bylines or tags."
    date_hierarchy = "publish_at"
    list_per_page = 50
    show_full_result_count = False  # the total of every article is one more COUNT(*) on each page
    autocomplete_fields = ["lead_image"]
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/object_history.html"

    class Media:
        css = {"all": ["admin/newsroom.css"]}
        js = ["admin/tag_autocomplete.js", "admin/writing_screen.js", "admin/image_preview.js"]

    # --- who sees and edits what -------------------------------------------------------------

    def get_changelist(self, request, **kwargs):
        return DateSafeChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if request.GET.get("q"):
            return CappedCountPaginator(queryset, per_page, orphans, allow_empty_first_page)
        return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)

    def get_search_results(self, request, queryset, search_term):
        found = search_articles(queryset, search_term)
        if found is None:
            return super().get_search_results(request, queryset, search_term)
        return found, False

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
        publishing = ["state", "publish_at", "embargo_until", "review_note", "version"]
        return [
            (None, {"fields": ["headline", "slug", "deck", "body", "summary"]}),
            ("Kind and tags", {"fields": ["kind", "regions", "topics", "primary_region"]}),
            ("Lead image", {"fields": ["lead_image", "lead_image_preview"]}),
            ("Publishing", {"fields": publishing}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # Scheduling and notes to writers are editors' tools; a writer's POST of them is ignored.
        if permissions.is_editor(request.user):
            return ["state", "lead_image_preview"]
        return ["state", "lead_image_preview", "publish_at", "primary_region", "review_note"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return live_preview(formfield) if db_field.name == "lead_image" else formfield

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # A new article's byline starts with the writer's own profile. Only on the blank form: a
        # POSTed row must differ from its initial value to be saved, so POSTs get no initial.
        if isinstance(inline, BylineInline) and obj.pk is None and request.method == "GET":
            profile = Author.objects.filter(user=request.user, is_active=True).first()
            if profile is not None:
                kwargs["initial"] = [{"author": profile.pk, "position": 0}]
        return kwargs

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
            return f"Scheduled for {admin_datetime(obj.publish_at)}"
        if obj.status == Article.Status.PUBLISHED:
            return f"Published {admin_datetime(obj.publish_at)}"
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
        # The body editor's import map is an inline <script>: it runs under the CSP by nonce.
        context["media"] = Media.from_media(context["media"]).with_nonce(request.csp_nonce)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- change list columns -----------------------------------------------------------------

    @admin.display(description="")
    def image_thumbnail(self, obj):
        return thumbnail(obj.lead_image)

    @admin.display(description="Current lead image")
    def lead_image_preview(self, obj):
        return preview(obj.lead_image)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        badge = format_html('<span class="nr-badge nr-badge--{}">{}</span>', obj.state_key, obj.state_label)
        if obj.is_embargoed:
            badge += format_html(
                ' <span class="nr-badge nr-badge--embargo" title="Embargoed until {}">Embargo</span>',
                admin_datetime(obj.embargo_until),
            )
        return badge

    @admin.display(description="Publish at", ordering="publish_at")
    def publish_time(self, obj):
        return admin_datetime(obj.publish_at) or "—"

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
        older = get_object_or_404(versions, pk=_version_id(request.GET.get("a")))
        newer = get_object_or_404(versions, pk=_version_id(request.GET.get("b")))
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


def _version_id(value) -> int:
    """A revision id from the query string; anything but a plain number names no revision (404)."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else 0


class TagAdmin(VocabularyAdminMixin, admin.ModelAdmin):
    """Regions and topics: rename, merge or tidy here; the suggest view feeds the article form."""

    list_display = ["name", "slug", "menu_position", "article_count"]
    list_editable = ["menu_position"]
    search_fields = ["name"]
    fields = ["name", "slug", "menu_position"]

    def get_queryset(self, request):
        # Ordered explicitly: Meta.ordering does not apply to a grouped query (the autocomplete pages it).
        return super().get_queryset(request).annotate(num_articles=Count("tagged_articles")).order_by("name")

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
        term = normalize_line(request.GET.get("term", ""))
        if not term:
            return JsonResponse({"results": []})
        terms = vocabulary.visible_to(request.user, self.model)
        names = terms.filter(Q(name__istartswith=term) | Q(name__icontains=f" {term}")).values_list("name", flat=True)[
            :15
        ]
        return JsonResponse({"results": list(names)})


class RegionAdmin(RegionTreeAdminMixin, TagAdmin):
    fields = ["name", "slug", "parent", "menu_position"]


admin.site.register(Region, RegionAdmin)
admin.site.register(Topic, TagAdmin)
# taggit's own generic Tag model is unused: articles have two separate vocabularies instead.
admin.site.unregister(Tag)

from . import admin_frontpage  # noqa: E402, F401  (registers the front page screen)
