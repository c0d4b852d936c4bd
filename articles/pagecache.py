"""The full-page cache for anonymous readers: never stale, never early.

A page is stored under the cache's current *generation*. Any change that readers could see (an
article, its bylines, tags, authors, images, a correction, the front page...) starts a new
generation once its transaction commits (``articles/signals.py``), so every page that might show
it is fresh on the next request, on every app server sharing the cache. Nothing is purged page by
page, so no rule about "which pages show what" can be forgotten here.

A page is also never stored past the next moment the site changes by itself: the next scheduled
``publish_at`` (and any other time ``Article.objects.next_public_change()`` knows of), so a
scheduled article appears at its second.

Bypassed: anything but GET/HEAD, the admin, previews and share links, any request carrying a
session cookie (logged-in staff), and any response that sets a cookie or says private/no-store.
The key is the path and query string only: the Host header never reaches it (SITE_URL is the one
host), so a forged Host cannot poison a page.
"""

import hashlib
import time
import uuid
from email.utils import formatdate

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

GENERATION_KEY = "pagecache:generation"
NEXT_CHANGE_KEY = "pagecache:next-change"
NO_CHANGE_SCHEDULED = 0
BYPASSED_PREFIXES = ("/admin/", "/preview/", "/healthz", "/_bench/")
STORED_HEADERS = ("Content-Type", "Content-Language", "Location", "X-Robots-Tag", "Link")


def content_changed():
    """A new generation: every stored page is stale from now on. Call after the change commits."""
    cache.set_many({GENERATION_KEY: uuid.uuid4().hex, NEXT_CHANGE_KEY: None}, timeout=None)


def _seconds_until_next_change(state) -> float:
    """Seconds until the site changes by itself (a scheduled article going live), cached with the
    generation so a cache hit costs no query."""
    from articles.models import Article

    next_change = state.get(NEXT_CHANGE_KEY)
    if next_change is None or NO_CHANGE_SCHEDULED < next_change <= time.time():
        upcoming = Article.objects.next_public_change()
        next_change = upcoming.timestamp() if upcoming else NO_CHANGE_SCHEDULED
        cache.set(NEXT_CHANGE_KEY, next_change, timeout=None)
    if next_change == NO_CHANGE_SCHEDULED:
        return float(settings.PAGE_CACHE_SECONDS)
    return min(float(settings.PAGE_CACHE_SECONDS), next_change - time.time())


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(BYPASSED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code in (200, 301, 404)
        and not response.cookies
        and not response.streaming
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)  # a CDN must not keep staff's pages
            return response
        request.get_host()  # the usual ALLOWED_HOSTS check, before a stored page can answer
        state = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY])
        generation = state.get(GENERATION_KEY)
        if generation is None:
            content_changed()
            generation, state = cache.get(GENERATION_KEY), {}
        key = "pagecache:page:" + hashlib.sha256(f"{generation}:{request.get_full_path()}".encode()).hexdigest()
        stored = cache.get(key)
        if stored is not None:
            return self._respond(request, *stored, ttl=_seconds_until_next_change(state), hit=True)

        response = self.get_response(request)
        ttl = _seconds_until_next_change(state)
        if not _cacheable_response(response) or ttl < 1:
            return response
        headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        stored = (response.status_code, headers, response.content, etag, time.time())
        cache.set(key, stored, timeout=int(ttl))
        return self._respond(request, *stored, ttl=ttl, hit=False, response=response)

    @staticmethod
    def _respond(request, status, headers, content, etag, stored_at, *, ttl, hit, response=None):
        if request.headers.get("If-None-Match") == etag:
            response = HttpResponseNotModified()
        elif response is None:
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
        response["ETag"] = etag
        response["Last-Modified"] = formatdate(stored_at, usegmt=True)
        response["X-Page-Cache"] = "hit" if hit else "miss"
        # Browsers revalidate quickly; a CDN keeps the page until the next scheduled change at the
        # latest, and is purged on changes (webhooks). Neither outlives a scheduled publication.
        shared = max(1, int(ttl))
        response["Cache-Control"] = (
            f"public, max-age={min(settings.PAGE_CACHE_BROWSER_SECONDS, shared)}, s-maxage={shared}, "
            f"stale-while-revalidate={settings.PAGE_CACHE_STALE_SECONDS}"
        )
        return response
