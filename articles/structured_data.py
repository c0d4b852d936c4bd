"""What search engines and social networks read: JSON-LD, Open Graph/Twitter values, share links.

Built here as plain data so templates only print it. Every address is absolute and comes from
``SITE_URL`` (newsroom/absolute.py). JSON-LD is printed by the ``ld_json`` filter, which escapes
``<``, ``>`` and ``&`` so a headline holding ``</script>`` stays inert and round-trips exactly.
"""

import functools
from urllib.parse import quote, urlencode

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from images.pictures import rendition_url
from newsroom.absolute import absolute_url

PUBLISHER_LOGO = "img/publisher-logo.png"


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def publisher():
    # The same on every page of a deployment, and looking up the hashed logo in the static files'
    # manifest is not free: built once per configuration.
    return dict(_publisher(settings.SITE_NAME, settings.SITE_URL, settings.STATIC_URL))


@functools.cache
def _publisher(site_name, site_url, static_url):
    return {
        "@type": "Organization",
        "name": site_name,
        "url": absolute_url(reverse("articles:home")),
        "logo": {"@type": "ImageObject", "url": absolute_url(static(PUBLISHER_LOGO)), "width": 600, "height": 60},
    }


def person(author):
    data = {"@type": "Person", "name": author.name}
    if author.is_active:
        data["url"] = absolute_url(author.get_absolute_url())
    if author.title:
        data["jobTitle"] = author.title
    return data


def article_section(article):
    """The region above the headline (the editor's primary region), else the first topic."""
    section = article.kicker_region or next(iter(article.topic_tags), None)
    return section.name if section else ""


def keywords(article):
    return [tag.name for tag in [*article.region_tags, *article.topic_tags]]


# The shapes Google asks for in article rich results: one each of 16:9, 4:3 and 1:1.
STRUCTURED_DATA_RATIOS = ["16:9", "4:3", "1:1"]


def article_image(article):
    """Absolute URLs of the lead image's renditions, 16:9, 4:3 and 1:1 (each at most 1280 wide)."""
    if not article.lead_image:
        return []
    return [absolute_url(rendition_url(article.lead_image, ratio=ratio)) for ratio in STRUCTURED_DATA_RATIOS]


def article_json_ld(article):
    """One block of the kind's schema.org type. Expects ``for_detail()`` prefetches."""
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": article.schema_type,
        "headline": article.headline,
        "description": article.teaser,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": _iso(article.first_published_at or article.publish_at),
        "dateModified": _iso(article.modified_at or article.publish_at),
        "author": [person(author) for author in article.byline_authors],
        "publisher": publisher(),
        "isAccessibleForFree": True,
        "inLanguage": settings.SITE_LANGUAGE,
    }
    if image := article_image(article):
        data["image"] = image
    if section := article_section(article):
        data["articleSection"] = section
    if tags := keywords(article):
        data["keywords"] = tags
    return data


def profile_json_ld(author):
    """The author page: ``ProfilePage`` about a ``Person``."""
    main = person(author) | {"url": absolute_url(author.get_absolute_url())}
    if author.photo:
        main["image"] = absolute_url(rendition_url(author.photo, ratio="1:1", width=640))
    same_as = [link for link in [author.website, author.twitter_url, author.mastodon, author.linkedin] if link]
    if same_as:
        main["sameAs"] = same_as
    return {"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": main}


def breadcrumbs_json_ld(crumbs):
    """``crumbs``: ``[(name, path), ...]`` from the home page down to the current page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute_url(path)}
            for n, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def share_links(article):
    """Plain links to each network's share page: no third-party script, nothing loaded until clicked."""
    url, title = absolute_url(article.get_absolute_url()), article.headline
    links = [
        ("Email", "mailto:?" + urlencode({"subject": title, "body": f"{title}\n{url}"}, quote_via=quote)),
        ("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
    ]
    return [{"name": name, "url": href, "external": not href.startswith("mailto:")} for name, href in links]
