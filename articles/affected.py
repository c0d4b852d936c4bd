"""Which public addresses a change to an article affects: the one answer for CDN purges and webhooks.

The page cache needs no list (it starts a new generation on any change, see ``pagecache``); a CDN
in front of the site does, and so do partners told by webhook. Ancestor regions are included,
since a region's page lists the articles of the regions inside it.
"""

from django.urls import reverse

from newsroom.absolute import absolute_url

from . import surrogate
from .models import Region


def _regions_and_ancestors(article) -> list:
    regions = list(article.regions.all())
    ancestor_ids = {pk for region in regions for pk in region.ancestor_ids}
    return regions + list(Region.objects.filter(pk__in=ancestor_ids - {r.pk for r in regions}))


def affected_paths(article) -> list[str]:
    paths = [
        article.get_absolute_url(),
        reverse("articles:home"),
        reverse("articles:feed"),
        reverse("articles:feed_atom"),
    ]
    regions = _regions_and_ancestors(article)
    listings = [("region", r.slug) for r in regions] + [("topic", t.slug) for t in article.topics.all()]
    for name, slug in listings:
        paths += [reverse(f"articles:{name}", args=[slug]), reverse(f"articles:{name}_feed", args=[slug])]
        paths.append(reverse(f"articles:{name}_feed_atom", args=[slug]))
    for author in article.byline_authors:
        paths += [author.get_absolute_url(), reverse("articles:author_feed", args=[author.slug])]
        paths.append(reverse("articles:author_feed_atom", args=[author.slug]))
    if article.publish_at:
        when = article.publish_at
        paths += [reverse("articles:archive_year", args=[when.year])]
        paths += [reverse("articles:archive_month", args=[when.year, when.month])]
    return list(dict.fromkeys(paths))


def affected_urls(article) -> list[str]:
    """Absolute (``SITE_URL``) addresses of every public page and feed that shows ``article``."""
    return [absolute_url(path) for path in affected_paths(article)]


def affected_tags(article) -> list[str]:
    """The cache tags (``surrogate``) of the same pages: purging them refreshes every page and feed
    that shows ``article`` or will list it, including pages that no longer should."""
    tags = [
        surrogate.article(article.pk),
        surrogate.HOME,
        surrogate.FEED,
        *(surrogate.region(r.pk) for r in _regions_and_ancestors(article)),
        *(surrogate.topic(t.pk) for t in article.topics.all()),
        *(surrogate.author(a.pk) for a in article.byline_authors),
    ]
    if article.publish_at:
        tags += [
            surrogate.archive(article.publish_at.year),
            surrogate.archive(article.publish_at.year, article.publish_at.month),
        ]
    return list(dict.fromkeys(tags))
