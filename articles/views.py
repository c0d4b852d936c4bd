from datetime import date

from django.db.models import Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView, MonthArchiveView, YearArchiveView

from newsroom.dates import admin_datetime
from newsroom.pagination import LookaheadPaginator

from . import frontpage, listings, loading, navigation, regions, search, structured_data, surrogate
from .models import Article, PreviewLink, Region, RegionRedirect, Topic, TopicRedirect
from .previews import preview_response


class PublishedArticlesMixin:
    """Every reader-facing article view starts from ``published()``; nothing else reaches readers."""

    paginate_by = 20
    paginator_class = LookaheadPaginator  # no COUNT(*): a page knows only whether another follows

    def get_queryset(self):
        return Article.objects.published().for_cards()

    def breadcrumbs(self):
        """``[(name, path), ...]`` below the home page, for the BreadcrumbList markup."""
        return []

    def listing_keys(self) -> list[str]:
        """The page's own cache tags (``articles.surrogate``); the articles on it are added to them."""
        return []

    def surrogate_keys(self, context) -> list[str]:
        return surrogate.listing(self.listing_keys(), context["object_list"])

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        return surrogate.tag_response(self.request, response, self.surrogate_keys(context))

    def get_context_data(self, **kwargs):
        below_home = self.breadcrumbs()
        crumbs = [("Home", reverse("articles:home")), *below_home]
        markup = structured_data.breadcrumbs_json_ld(crumbs) if below_home else None
        return super().get_context_data(breadcrumbs=markup, **kwargs)


class HomeView(PublishedArticlesMixin, ListView):
    """The editors' lead and featured stories, then the latest, skipping what is already shown."""

    template_name = "articles/home.html"
    paginate_by = 12

    def get_queryset(self):
        self.front = frontpage.curated()
        return listings.Cards(listings.latest, self.front.shown_ids, load=False)  # every card loads at once below

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        latest = list(page.object_list)
        front = self.front if page.number == 1 else frontpage.FrontPage()
        if page.number == 1 and front.lead is None and latest:
            front.lead = frontpage.pick_lead(latest)
        shown = [article for article in [front.lead, *front.featured, *latest] if article]
        rails = []
        if page.number == 1:
            menu = navigation.menu_for(self.request)
            rails = frontpage.rails(menu.rail_regions, menu.rail_region_ids, skip=[a.pk for a in shown])
        cards = [*shown, *(article for rail in rails for article in rail.articles)]
        loading.load_cards(cards)
        context.update(lead=front.lead, featured=front.featured, article_list=latest, rails=rails, shown_articles=cards)
        return context

    def surrogate_keys(self, context):
        return surrogate.listing(surrogate.HOME, context["shown_articles"])


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    def get_object(self, queryset=None):
        article = listings.public_article(self.kwargs["slug"])
        if article is None:
            raise Http404("No public article at this address.")
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        related = Article.objects.related_to(article)
        loading.load_cards([article, *related], trails_for=article, profiles=True)  # two queries
        return super().get_context_data(
            related=related,
            json_ld=structured_data.article_json_ld(article),
            share_links=structured_data.share_links(article),
            region_trails=regions.trails(article.region_tags, known=getattr(article, "region_ancestors", None)),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        keys = surrogate.article_page(self.object, related=context["related"])  # the template reuses these rows
        return surrogate.tag_response(self.request, response, keys)

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
        self.tag = listings.by_slug(self.tag_model.objects.all, self.kwargs["slug"])
        if self.tag is None:
            raise Http404(f"No {self.tag_model._meta.verbose_name} at this address.")
        return self.stories()

    def stories(self):
        """The tag's public stories, newest first (``articles.listings``)."""
        raise NotImplementedError

    def paginate_queryset(self, queryset, page_size):
        # Checked on the first page itself rather than with allow_empty, which costs one more query.
        paginated = super().paginate_queryset(queryset, page_size)
        if not paginated[2]:
            raise Http404(f"No published articles under {self.tag}.")
        return paginated

    def breadcrumbs(self):
        index = f"articles:{self.tag_model._meta.model_name}_index"
        return [
            (self.tag_model._meta.verbose_name_plural.capitalize(), reverse(index)),
            (self.tag.name, self.request.path),
        ]

    def listing_keys(self):
        return [surrogate.tag(self.tag)]

    def get_context_data(self, **kwargs):
        name, slug = self.tag_model._meta.model_name, {"slug": self.tag.slug}
        feeds = {
            "rss": reverse(f"articles:{name}_feed", kwargs=slug),
            "atom": reverse(f"articles:{name}_feed_atom", kwargs=slug),
        }
        return super().get_context_data(tag=self.tag, tag_kind=self.tag_model._meta.verbose_name, feeds=feeds, **kwargs)


class RegionView(TagArticleListView):
    """A region's articles and those of every region inside it, with breadcrumbs and sub-regions."""

    tag_model = Region
    redirect_model = RegionRedirect

    def stories(self):
        self.ancestors, self.children, inside = regions.family(self.tag)
        return listings.in_regions(inside)

    def breadcrumbs(self):
        crumbs = super().breadcrumbs()
        return [crumbs[0], *((r.name, r.get_absolute_url()) for r in self.ancestors), crumbs[-1]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # stories() loaded the family
        return {**context, "ancestors": self.ancestors, "children": self.children}


class TopicView(TagArticleListView):
    tag_model = Topic
    redirect_model = TopicRedirect

    def stories(self):
        return listings.Cards(listings.on_topic, self.tag.pk)


class SearchView(PublishedArticlesMixin, ListView):
    """``/search/?q=``: the engine is in articles/search.py; an empty query shows the search form."""

    template_name = "articles/search.html"

    def get_queryset(self):
        self.query = search.clean_query(self.request.GET.get("q", ""))
        return search.search(self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        for article in context["article_list"]:
            article.search_snippet = search.snippet(article)
        return context

    def breadcrumbs(self):
        return [("Search", reverse("articles:search"))]

    def listing_keys(self):
        return [surrogate.SEARCH]


class TagIndexView(ListView):
    """``/regions/``, ``/topics/``: every tag with public work and its count, in one query."""

    template_name = "articles/tag_index.html"
    tag_model = None

    def get_queryset(self):
        return navigation.tags_with_published_work(self.tag_model)

    def get_context_data(self, **kwargs):
        name = self.tag_model._meta.verbose_name_plural.capitalize()
        crumbs = structured_data.breadcrumbs_json_ld([("Home", reverse("articles:home")), (name, self.request.path)])
        return super().get_context_data(index_title=name, breadcrumbs=crumbs, **kwargs)


class RegionIndexView(TagIndexView):
    tag_model = Region


class TopicIndexView(TagIndexView):
    tag_model = Topic


class ArchiveMixin(PublishedArticlesMixin):
    """Year and month archives over ``published()``. An empty or impossible period (year 0, 99999,
    month 13) is a 404 from Django's date views, never a 500.

    Django's date views spend a query asking whether the period has any article and one for each
    neighbouring period; here the first page answers the first question and one query the other
    two, which keeps an archive page within the public pages' query budget."""

    template_name = "articles/archive.html"
    date_field = "publish_at"
    year_format = "%Y"
    month_format = "%m"
    allow_empty = True  # but an empty period is a 404: see paginate_queryset
    allow_future = False

    def paginate_queryset(self, queryset, page_size):
        paginated = super().paginate_queryset(queryset, page_size)
        if not paginated[2]:
            raise Http404("No stories were published in this period.")
        return paginated

    def neighbours(self, start):
        """The start of the periods before and after the one beginning at ``start`` that have
        stories, or None: one query."""
        if not hasattr(self, "_neighbours"):
            end = self._get_next_month(start) if self.period == "month" else self._get_next_year(start)
            self._neighbours = archive_neighbours(self._make_date_lookup_arg(start), self._make_date_lookup_arg(end))
        return [self._period_start(moment) for moment in self._neighbours]

    def _period_start(self, moment):
        if moment is None:
            return None
        day = timezone.localtime(moment).date()
        return day.replace(day=1) if self.period == "month" else day.replace(month=1, day=1)


class YearArchive(ArchiveMixin, YearArchiveView):
    make_object_list = True
    period = "year"

    def get_previous_year(self, date):
        return self.neighbours(date)[0]

    def get_next_year(self, date):
        return self.neighbours(date)[1]

    def breadcrumbs(self):
        return [(f"Archive {self.get_year()}", self.request.path)]

    def listing_keys(self):
        return [surrogate.archive(self.get_year())]


class MonthArchive(ArchiveMixin, MonthArchiveView):
    period = "month"

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        return []  # the month page lists stories, not days: no query for the days

    def get_previous_month(self, date):
        return self.neighbours(date)[0]

    def get_next_month(self, date):
        return self.neighbours(date)[1]

    def breadcrumbs(self):
        year = int(self.get_year())
        month = date(year, int(self.get_month()), 1)
        year_url = reverse("articles:archive_year", kwargs={"year": year})
        return [(f"Archive {year}", year_url), (f"{month:%B %Y}", self.request.path)]

    def listing_keys(self):
        return [surrogate.archive(self.get_year(), self.get_month())]


def archive_neighbours(start, end):
    """When the last public story before ``start`` and the first one from ``end`` on appeared, in
    one query: both are index lookups, hung on a single row of the articles table."""
    live = Article.objects.published()
    before = live.filter(publish_at__lt=start).order_by("-publish_at").values("publish_at")[:1]
    after = live.filter(publish_at__gte=end).order_by("publish_at").values("publish_at")[:1]
    row = Article.objects.order_by().annotate(before=Subquery(before), after=Subquery(after))
    found = row.values_list("before", "after")[:1]
    return found[0] if found else (None, None)
