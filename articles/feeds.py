"""RSS 2.0 and Atom feeds of the latest public articles: the whole site, a region, a topic, an author.

Each item carries every byline author, the regions and topics as categories, the summary and the
full body (``content:encoded`` in RSS, ``<content>`` in Atom) as the read API gives it: library
figures rendered and every address absolute (``images.body.portable_body``). The GUID is a ``tag:`` URI made from
the article's id and creation date, so it survives edits and slug changes. Text that XML 1.0
cannot carry (control characters from old imports) is dropped, because Django refuses to write it
and feed readers would refuse the whole feed.
"""

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from authors.models import Author
from images.body import figure_images, portable_body
from newsroom import rendering
from newsroom.absolute import absolute_url
from newsroom.text import xml_safe

from . import listings, surrogate
from .models import Region, Topic

FEED_LENGTH = 20


class WrittenAtOnce:
    """The feed's XML built in memory and handed to the response in one piece: written straight
    to it, each of a feed's thousand fragments went through a text wrapper and the response's own
    ``write``, which cost more than building the XML."""

    def write(self, outfile, encoding):
        text = io.StringIO()
        super().write(text, encoding)
        outfile.write(text.getvalue().encode(encoding, "xmlcharrefreplace"))


class ContentRssFeed(WrittenAtOnce, Rss201rev2Feed):
    def rss_attributes(self):
        return super().rss_attributes() | {
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        handler.addQuickElement("content:encoded", item["content"])


class ContentAtomFeed(WrittenAtOnce, Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        handler.addQuickElement("content", item["content"], {"type": "html"})


class LatestArticlesFeed(Feed):
    """The whole site. Subclasses narrow ``articles()`` and name themselves."""

    feed_type = ContentRssFeed
    language = settings.SITE_LANGUAGE

    def author_name(self):
        # Atom wants an author for the feed; entries name their own byline authors.
        return settings.SITE_NAME

    feed_url_name = "articles:feed"

    def __call__(self, request, *args, **kwargs):
        # Each item prints three or four addresses: read the request's script prefix and URLconf
        # once for the feed, as a page's render does (newsroom.rendering).
        with rendering.render_scope():
            response = super().__call__(request, *args, **kwargs)
        keys = getattr(request, "feed_cache_keys", None)
        return surrogate.tag_response(request, response, keys) if keys else response

    def get_feed(self, obj, request):
        """Django's ``Feed.get_feed`` written out for what these feeds carry. Django's looks up
        some twenty optional attributes for each item by introspection (is it there, is it a
        method, how many arguments does it take), which cost a fifth of a feed; here every part
        is asked for by name. Every address is already absolute (``absolute_url``)."""
        # The feed's own key (its region, topic or author, or "feed"): every change to an article in
        # it purges that key (affected.affected_tags), so the feed needs no per-article keys.
        request.feed_cache_keys = [surrogate.tag(obj) if obj else surrogate.FEED]
        feed = self.feed_type(
            title=self.title(obj),
            subtitle=self.subtitle(obj),
            link=self.link(obj),
            description=self.description(obj),
            language=self.language,
            feed_url=self.feed_url(obj),
            author_name=self.author_name(),
        )
        for item in self.items(obj):
            feed.add_item(
                title=self.item_title(item),
                link=self.item_link(item),
                description=self.item_description(item),
                unique_id=self.item_guid(item),
                unique_id_is_permalink=False,
                pubdate=item.publish_at,
                updateddate=self.item_updateddate(item),
                categories=self.item_categories(item),
                **self.item_extra_kwargs(item),
            )
        return feed

    def title(self, obj=None):
        return xml_safe(f"{settings.SITE_NAME}: {obj.name}" if obj else settings.SITE_NAME)

    def description(self, obj=None):
        about = f" on {obj.name}" if obj else ""
        return xml_safe(f"The latest reporting and analysis{about} from {settings.SITE_NAME}.")

    subtitle = description

    def link(self, obj=None):
        return absolute_url(obj.get_absolute_url() if obj else reverse("articles:home"))

    def feed_url(self, obj=None):
        kwargs = {"slug": obj.slug} if obj else {}
        return absolute_url(reverse(self.feed_url_name, kwargs=kwargs))

    def stories(self, obj):
        """The feed's stories, whole, through ``articles.listings`` (compiled once)."""
        return listings.Cards(listings.latest, [], whole=True)

    def items(self, obj=None):
        items = self.stories(obj)[0:FEED_LENGTH]
        images = figure_images(item.body for item in items)  # one query for every figure in the feed
        for item in items:
            item.figure_images = images
        return items

    def item_title(self, item):
        return xml_safe(item.headline)

    def item_description(self, item):
        # Readers treat the description as HTML; the teaser is plain text.
        return xml_safe(escape(item.teaser))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return f"tag:{urlsplit(settings.SITE_URL).hostname},{item.created_at:%Y-%m-%d}:article:{item.pk}"

    def item_updateddate(self, item):
        return item.modified_at or item.publish_at

    def item_categories(self, item):
        return [xml_safe(tag.name) for tag in [*item.region_tags, *item.topic_tags]]

    def item_extra_kwargs(self, item):
        authors = [(xml_safe(a.name), absolute_url(a.get_absolute_url())) for a in item.byline_authors]
        body = portable_body(item.body, base=item.get_absolute_url(), images=item.figure_images)
        return {"authors": authors, "content": xml_safe(body)}


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = ContentAtomFeed
    feed_url_name = "articles:feed_atom"


class TagFeed(LatestArticlesFeed):
    """A region's or topic's feed; a tag with no public article is a 404, as its page is."""

    tag_model = None

    def get_object(self, request, slug):
        return get_object_or_404(self.tag_model.objects.with_published_work(), slug=slug)

    listing = None

    def stories(self, obj):
        return listings.Cards(self.listing, obj.pk, whole=True)


class RegionFeed(TagFeed):
    """A region's feed carries what its page lists: the stories of the region and of every region
    inside it (the page links to it, so a region whose stories are all in its sub-regions must
    not answer 404), each region's own plan (``listings.in_regions``)."""

    tag_model = Region
    feed_url_name = "articles:region_feed"

    def get_object(self, request, slug):
        """The region and every region inside it, each marked if it has public work: one query."""
        path = Region.objects.filter(slug=slug).values("path")[:1]
        found = list(Region.objects.filter(path__startswith=Subquery(path)).marking_published_work())
        region = next((row for row in found if row.slug == slug), None)
        if region is None or not any(row.has_published_work for row in found):
            raise Http404("No region with published articles at this address.")
        region.inside = tuple(sorted(row.pk for row in found))
        return region

    def stories(self, obj):
        return listings.in_regions(obj.inside, whole=True)


class RegionAtomFeed(RegionFeed):
    feed_type = ContentAtomFeed
    feed_url_name = "articles:region_feed_atom"


class TopicFeed(TagFeed):
    tag_model = Topic
    listing = staticmethod(listings.on_topic)
    feed_url_name = "articles:topic_feed"


class TopicAtomFeed(TopicFeed):
    feed_type = ContentAtomFeed
    feed_url_name = "articles:topic_feed_atom"


class AuthorFeed(LatestArticlesFeed):
    feed_url_name = "articles:author_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Author.objects.active(), slug=slug)

    def stories(self, obj):
        return listings.Cards(listings.by_author, obj.pk, whole=True)


class AuthorAtomFeed(AuthorFeed):
    feed_type = ContentAtomFeed
    feed_url_name = "articles:author_feed_atom"
