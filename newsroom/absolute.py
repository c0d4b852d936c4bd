"""Absolute URLs come from ``settings.SITE_URL`` and nothing else.

A request's Host header is chosen by whoever sends it, so it never appears in canonical links,
Open Graph tags, feeds, sitemaps, share links, API payloads or cache keys.
"""

from django.conf import settings
from django.utils.encoding import iri_to_uri


def absolute_url(path_or_url: str) -> str:
    """``/articles/x/`` -> ``https://news.example.com/articles/x/``; a full URL passes through."""
    if "://" in path_or_url:
        return iri_to_uri(path_or_url)
    return settings.SITE_URL + iri_to_uri(path_or_url if path_or_url.startswith("/") else f"/{path_or_url}")
