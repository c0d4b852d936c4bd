from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from newsroom.dates import admin_datetime

from . import frontpage, regions
from .models import Article, PreviewLink, Region, RegionRedirect, Topic, TopicRedirect
from .previews import preview_response


class PublishedArticlesMixin:
    """Every reader-facing article view starts from ``published()``; nothing else reaches readers."""

    paginate_by = 12

    def get_queryset(self):
        return Article.objects.published().for_listing()


class HomeView(PublishedArticlesMixin, ListView):
    """The editors' lead and featured stories, then the latest, skipping what is already shown."""

    template_name = "articles/home.html"

    def get_queryset(self):
        self.front = frontpage.curated()
        return Article.objects.published().exclude(pk__in=self.front.shown_ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        latest = list(page.object_list)
        front = self.front if page.number == 1 else frontpage.FrontPage()
        if page.number == 1 and front.lead is None and latest:
            front.lead = latest.pop(0)  # nothing chosen and no image anywhere: the newest leads
        shown = [article for article in [front.lead, *front.featured, *latest] if article]
        rails = frontpage.rails(frontpage.rail_regions(), skip=[a.pk for a in shown]) if page.number == 1 else []
        frontpage.load([*shown, *(article for rail in rails for article in rail.articles)])
        context.update(lead=front.lead, featured=front.featured, article_list=latest, rails=rails)
        return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(region_trails=regions.trails(self.object.regions.all()), **kwargs)

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
    return preview_response(request, article, note=f"Shared preview, valid until {admin_datetime(link.expires_at)}.")


class TagArticleListView(PublishedArticlesMixin, ListView):
    """Articles under one region or topic. A tag with no public article is a 404, so a tag that
    only labels drafts cannot reveal what the newsroom is working on."""

    template_name = "articles/tag_list.html"
    tag_model = None
    redirect_model = None

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A renamed or merged-away region or topic: its old address leads to where it went.
            old = self.redirect_model.objects.select_related("tag").filter(old_slug=kwargs["slug"]).first()
            if old is None:
                raise
            return redirect(old.tag, permanent=True)

    def get_queryset(self):
        self.tag = get_object_or_404(self.tag_model, slug=self.kwargs["slug"])
        return self.filter_by_tag(super().get_queryset())

    def filter_by_tag(self, articles):
        return articles.filter(**{self.tag_model._meta.model_name + "s": self.tag})

    def paginate_queryset(self, queryset, page_size):
        # Checked on the paginator's count rather than with allow_empty, which costs one more query.
        paginated = super().paginate_queryset(queryset, page_size)
        if paginated[0].count == 0:
            raise Http404(f"No published articles under {self.tag}.")
        return paginated

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, tag_kind=self.tag_model._meta.verbose_name, **kwargs)


class RegionView(TagArticleListView):
    """A region's articles and those of every region inside it, with breadcrumbs and sub-regions."""

    tag_model = Region
    redirect_model = RegionRedirect

    def filter_by_tag(self, articles):
        return articles.in_region(self.tag)

    def get_context_data(self, **kwargs):
        ancestors, children = regions.family(self.tag)
        return super().get_context_data(ancestors=ancestors, children=children, **kwargs)


class TopicView(TagArticleListView):
    tag_model = Topic
    redirect_model = TopicRedirect
