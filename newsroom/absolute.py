"""Absolute URLs come from ``settings.SITE_URL`` and nothing else.

A request's Host header is chosen by whoever sends it, so it never appears in canonical links,
Open Graph tags, feeds, sitemaps, share links, API payloads or cache keys.
"""

import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.encoding import iri_to_uri

# Each pattern starts with the attribute's name, a literal the regex engine can skip ahead to, and
# then looks behind it for the space: led by \s, they read a feed's bodies character by character
# (ten times slower).
_URL_ATTRIBUTES = [re.compile(rf'({name}(?<=\s{name})=")([^"]*)(")') for name in ("href", "src")]
_SRCSET_ATTRIBUTE = re.compile(r'(srcset(?<=\ssrcset)=")([^"]*)(")')


def absolute_url(path_or_url: str) -> str:
    """``/articles/x/`` -> ``https://news.example.com/articles/x/``; a full URL passes through."""
    if "://" in path_or_url:
        return iri_to_uri(path_or_url)
    return settings.SITE_URL + iri_to_uri(path_or_url if path_or_url.startswith("/") else f"/{path_or_url}")


def absolute_html(html: str, base: str = "/") -> str:
    """Every ``href``, ``src`` and ``srcset`` address in ``html`` made absolute, for HTML read away
    from the site (the API): relative ones are resolved against ``base`` (a path on this site, e.g.
    the article's). Full URLs, ``mailto:`` and in-page ``#anchors`` are left as they are. Expects
    double-quoted attributes, as the sanitiser and our templates write them."""
    base_url = absolute_url(base)

    def absolute(address):
        address = address.strip()
        if not address or address.startswith("#") or urlsplit(address).scheme:
            return address
        return urljoin(base_url, address)

    def srcset(candidates):
        return ", ".join(
            " ".join([absolute(url), *rest]) for url, *rest in (c.split() for c in candidates.split(",") if c.strip())
        )

    for attribute in _URL_ATTRIBUTES:
        html = attribute.sub(lambda m: m.group(1) + absolute(m.group(2)) + m.group(3), html)
    return _SRCSET_ATTRIBUTE.sub(lambda m: m.group(1) + srcset(m.group(2)) + m.group(3), html)
