from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Article, Region, Topic


class PublishedArticlesMixin:
    """Every reader-facing article view starts from ``published()``; nothing else reaches readers."""

    paginate_by = 12

    def get_queryset(self):
        return Article.objects.published().for_listing()


class HomeView(PublishedArticlesMixin, ListView):
    template_name = "articles/home.html"


class ArticleDetailView(PublishedArticlesMixin, DetailView):
    template_name = "articles/article_detail.html"


class TagArticleListView(PublishedArticlesMixin, ListView):
    """Articles under one region or topic. A tag with no public article is a 404, so a tag that
    only labels drafts cannot reveal what the newsroom is working on."""

    template_name = "articles/tag_list.html"
    tag_model = None
    allow_empty = False

    def get_queryset(self):
        self.tag = get_object_or_404(self.tag_model, slug=self.kwargs["slug"])
        return super().get_queryset().filter(**{self.tag_model._meta.model_name + "s": self.tag})

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, tag_kind=self.tag_model._meta.verbose_name, **kwargs)


class RegionView(TagArticleListView):
    tag_model = Region


class TopicView(TagArticleListView):
    tag_model = Topic
