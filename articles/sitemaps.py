"""Sitemaps for crawlers: an index of paginated sections, a Google News sitemap, robots.txt.

Django's sitemap views take the domain from the request (``RequestSite``) unless the sites
framework is installed; here every address comes from ``SITE_URL`` instead, so the sections
override the protocol and domain, and the index view is our own.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.db.models import Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from authors.models import Author
from newsroom.absolute import absolute_url

from .models import Article, Byline, Region, TaggedRegion, TaggedTopic, Topic

URLS_PER_PAGE = 1000
NEWS_WINDOW = timedelta(hours=48)


class SiteUrlSitemap(Sitemap):
    limit = URLS_PER_PAGE

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path


class ArticleSitemap(SiteUrlSitemap):
    def items(self):
        return (
            Article.objects.published().only("pk", "slug", "publish_at", "modified_at").order_by("-publish_at", "-pk")
        )

    def lastmod(self, article):
        return article.modified_at or article.publish_at

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default, which loads every item.
        return self.items().aggregate(latest=Max(Coalesce("modified_at", "publish_at")))["latest"]


class LatestWorkSitemap(SiteUrlSitemap):
    """Authors, regions, topics: pages with public work, last modified when their newest article went up."""

    def latest_work(self):
        raise NotImplementedError

    def items(self):
        return self.latest_work().filter(last_published__isnull=False).order_by("pk")

    def lastmod(self, obj):
        return obj.last_published

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_published"))["latest"]


def newest_public(links, owner, article):
    """The publication time of the newest public article among the ``links`` (bylines or tag
    links, whose ``owner`` is the outer row and whose ``article`` column names the article), read
    from their copy of it (``article_publish_at``, indexed with the owner): each row walks its own
    index entries, newest first, and stops at the first public article. A MAX over every link
    joined to the articles had taken half a second for each section at 100,000 articles."""
    moment = timezone.now()
    public = Article.objects.published(at=moment).filter(pk=OuterRef(article))
    newest = links.objects.filter(**{owner: OuterRef("pk"), "article_publish_at__lte": moment}).filter(Exists(public))
    return Subquery(newest.order_by("-article_publish_at").values("article_publish_at")[:1])


class AuthorSitemap(LatestWorkSitemap):
    def latest_work(self):
        return Author.objects.active().annotate(last_published=newest_public(Byline, "author", "article_id"))


class TagSitemap(LatestWorkSitemap):
    model = None
    links = None

    def latest_work(self):
        return self.model.objects.annotate(last_published=newest_public(self.links, "tag", "content_object_id"))


class RegionSitemap(TagSitemap):
    model, links = Region, TaggedRegion


class TopicSitemap(TagSitemap):
    model, links = Topic, TaggedTopic


class NewsSitemap(SiteUrlSitemap):
    """Google News: articles first published in the last 48 hours, at most 1,000."""

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return Article.objects.published().filter(publish_at__gte=since).order_by("-publish_at", "-pk")[:URLS_PER_PAGE]


SECTIONS = {"articles": ArticleSitemap, "authors": AuthorSitemap, "regions": RegionSitemap, "topics": TopicSitemap}


@x_robots_tag
def index(request):
    """The sitemap index: one entry per page of each section, addresses on SITE_URL."""
    entries = []
    for section, sitemap_class in SECTIONS.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("articles:sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        entries += [SitemapIndexItem(f"{location}?p={n}", lastmod) for n in range(2, sitemap.paginator.num_pages + 1)]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")


def section(request, section):
    return sitemap_view(request, SECTIONS, section=section)


def news(request):
    context = {"publication_name": settings.SITE_NAME, "publication_language": settings.SITE_LANGUAGE}
    response = sitemap_view(request, {"news": NewsSitemap}, template_name="sitemaps/news.xml")
    response.context_data.update(context)
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /preview/",
        "",
        f"Sitemap: {absolute_url(reverse('articles:sitemap'))}",
        f"Sitemap: {absolute_url(reverse('articles:news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
