from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import DetailView, ListView

from .models import Article, PreviewLink, Region, Topic
from .previews import preview_response


class PublishedArticlesMixin:
    """Every reader-facing article view starts from ``published()``; nothing else reaches readers."""

    paginate_by = 12

    def get_queryset(self):
        return Article.objects.published().for_listing()


class HomeView(PublishedArticlesMixin, ListView):
    template_name = "articles/home.html"


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.published().for_detail()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An old address of a renamed article answers with a permanent redirect, if it is public.
            article = get_object_or_404(Article.objects.published(), slug_redirects__old_slug=kwargs["slug"])
            return redirect(article, permanent=True)


def shared_preview(request, token):
    """An unpublished article behind a signed share link. The one public path that does not start
    from ``published()``: the signed, unexpired link is what grants access."""
    link = PreviewLink.from_token(token)
    if link is None:
        raise Http404("This preview link is invalid or has expired.")
    article = get_object_or_404(Article.objects.for_detail(), pk=link.article_id)
    # A link shares work in progress only: once live it leads to the public page, and a withdrawn
    # article is gone for link holders as for everyone.
    if Article.objects.published().filter(pk=article.pk).exists():
        return redirect(article)
    if article.status == Article.Status.WITHDRAWN:
        raise Http404("This article is no longer available.")
    expires = timezone.localtime(link.expires_at)
    return preview_response(request, article, note=f"Shared preview, valid until {expires:%d %b %Y, %H:%M %Z}.")


class TagArticleListView(PublishedArticlesMixin, ListView):
    """Articles under one region or topic. A tag with no public article is a 404, so a tag that
    only labels drafts cannot reveal what the newsroom is working on."""

    template_name = "articles/tag_list.html"
    tag_model = None

    def get_queryset(self):
        self.tag = get_object_or_404(self.tag_model, slug=self.kwargs["slug"])
        return super().get_queryset().filter(**{self.tag_model._meta.model_name + "s": self.tag})

    def paginate_queryset(self, queryset, page_size):
        # Checked on the paginator's count rather than with allow_empty, which costs one more query.
        paginated = super().paginate_queryset(queryset, page_size)
        if paginated[0].count == 0:
            raise Http404(f"No published articles under {self.tag}.")
        return paginated

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, tag_kind=self.tag_model._meta.verbose_name, **kwargs)


class RegionView(TagArticleListView):
    tag_model = Region


class TopicView(TagArticleListView):
    tag_model = Topic
