"""Cache tags: which keys a public page carries, so a CDN can purge every page showing something.

Fastly reads ``Surrogate-Key`` (space-separated), Cloudflare ``Cache-Tag`` (comma-separated); both
carry the same keys:

- ``article-<id>``, ``author-<id>``, ``region-<id>``, ``topic-<id>``: a thing the page shows;
- ``home``, ``feed`` (the site-wide feeds), ``search``, ``archive-<yyyy>``, ``archive-<yyyy>-<mm>``: the page kind.

An article page names the article, its authors, regions and topics and the related articles it
links; a listing names itself and every article on it. Keys come from rows the view already
loaded (prefetched bylines and tags), so tagging costs no query. Only anonymous pages are tagged:
staff pages are private and never reach a CDN. What a change purges is ``affected.affected_tags``.
"""

from django.conf import settings

SURROGATE_KEY = "Surrogate-Key"
CACHE_TAG = "Cache-Tag"
HEADERS = (SURROGATE_KEY, CACHE_TAG)
HOME = "home"
FEED = "feed"
SEARCH = "search"


def article(pk) -> str:
    return f"article-{pk}"


def author(pk) -> str:
    return f"author-{pk}"


def region(pk) -> str:
    return f"region-{pk}"


def topic(pk) -> str:
    return f"topic-{pk}"


def archive(year, month=None) -> str:
    return f"archive-{year}" if month is None else f"archive-{year}-{int(month):02d}"


def tag(vocabulary_term) -> str:
    """``region-<id>`` or ``topic-<id>`` for a region or a topic."""
    return f"{vocabulary_term._meta.model_name}-{vocabulary_term.pk}"


def article_page(shown, related=()) -> list[str]:
    """The article page: the article, its authors, regions and topics, and the related articles."""
    return [
        article(shown.pk),
        *(author(a.pk) for a in shown.byline_authors),
        *(region(r.pk) for r in shown.region_tags),
        *(topic(t.pk) for t in shown.topic_tags),
        *(article(other.pk) for other in related),
    ]


def listing(keys, articles) -> list[str]:
    """A listing page or feed: its own key(s), then every article on it."""
    return [*([keys] if isinstance(keys, str) else keys), *(article(a.pk) for a in articles)]


def tag_response(request, response, keys):
    """Set both headers on an anonymous reader's response (no session cookie: staff pages stay untagged)."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return response
    keys = list(dict.fromkeys(keys))
    response[SURROGATE_KEY] = " ".join(keys)
    response[CACHE_TAG] = ",".join(keys)
    return response
