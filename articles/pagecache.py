"""The full-page cache for anonymous readers: never stale, never early.

A page is stored with the cache's current *generation*. Any change that readers could see (an
article, its bylines, tags, authors, images, a correction, the front page...) starts a new
generation once its transaction commits (``articles/signals.py``), so every page that might show
it is fresh on the next request, on every app server sharing the cache: a page stored under another
generation is a miss. Nothing is purged page by page, so no rule about "which pages show what" can
be forgotten here. A hit is one round trip to a shared cache: the generation, the page and the
next scheduled change are read together.

A page is also never stored past the next moment the site changes by itself: the next scheduled
``publish_at`` (and any other time ``Article.objects.next_public_change()`` knows of), so a
scheduled article appears at its second.

Bypassed: anything but GET/HEAD, the admin, previews and share links, any request carrying a
session cookie (logged-in staff), and any response that sets a cookie or says private/no-store.
The key is the scheme, path and query string only: the Host header never reaches it (SITE_URL is
the one host), so a forged Host cannot poison a page.

It is the outermost middleware but the request log (settings.MIDDLEWARE): a hit skips the rest of
the stack and replays the headers the stack gave the stored page (CSP, framing, permissions...).
"""

import functools
import hashlib
import os
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
# The read API keeps its own ETags and rate limits (api app).
BYPASSED_PREFIXES = ("/admin/", "/preview/", "/healthz", "/_bench/", "/api/")
# Surrogate-Key and Cache-Tag (articles.surrogate) too, so a CDN purging by tag sees them on a hit.
# A stored page keeps every header the stack gave it (security headers, CSP, Vary, Surrogate-Key
# and Cache-Tag for a CDN purging by tag...) but these, which each answer sets for itself.
UNSTORED_HEADERS = {"cache-control", "etag", "last-modified", "x-page-cache", "content-length", "set-cookie", "date"}


def _cache_is_per_process() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache"))


def _new_shared_generation() -> str:
    generation = uuid.uuid4().hex
    cache.add(GENERATION_KEY, generation, timeout=None)
    return cache.get(GENERATION_KEY, generation)  # another server may have added one first


def current_generation() -> str:
    """Shared caches (Redis...) hold the generation themselves. A local-memory cache lives inside
    each server process, so there the generation is a small file that every process on the
    machine stats on each request (microseconds), and a change seen by one worker empties the
    pages of all of them."""
    if not _cache_is_per_process():
        return cache.get(GENERATION_KEY) or _new_shared_generation()
    path = settings.PAGE_CACHE_GENERATION_FILE
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        content_changed()
        stat = os.stat(path)
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


def content_changed():
    """A new generation: every stored page is stale from now on. Call after the change commits."""
    if not _cache_is_per_process():
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        return
    path = settings.PAGE_CACHE_GENERATION_FILE
    temporary = f"{path}.{uuid.uuid4().hex}"
    with open(temporary, "w") as file:
        file.write(uuid.uuid4().hex)
    os.replace(temporary, path)  # a new inode, so the generation changes even within one mtime tick


def _page_key(request) -> str:
    # The scheme too: an http request must meet the redirect to https (SECURE_SSL_REDIRECT), never
    # a page stored for https.
    address = f"{request.scheme}:{request.get_full_path()}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def _seconds_until_next_change(generation, stored=None) -> float:
    """Seconds until the site changes by itself (a scheduled article going live). Computed once
    per generation and kept as ``(generation, timestamp)``, so a cache hit costs no query
    (``stored``: that pair, read together with the page)."""
    from articles.models import Article

    next_change = stored[1] if stored and stored[0] == generation else None
    if next_change is None or NO_CHANGE_SCHEDULED < next_change <= time.time():
        upcoming = Article.objects.next_public_change()
        next_change = upcoming.timestamp() if upcoming else NO_CHANGE_SCHEDULED
        timeout = None if not next_change else int(next_change - time.time()) + 60
        cache.set(NEXT_CHANGE_KEY, (generation, next_change), timeout=timeout)
    if next_change == NO_CHANGE_SCHEDULED:
        return float(settings.PAGE_CACHE_SECONDS)
    return min(float(settings.PAGE_CACHE_SECONDS), next_change - time.time())


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and not settings.CACHES["default"]["BACKEND"].endswith("DummyCache")  # caching turned off
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(_bypassed_prefixes())
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


@functools.cache
def _bypassed_prefixes() -> tuple[str, ...]:
    """The bypassed prefixes, and static and media files where this server serves them."""
    served_here = [url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and url.startswith("/")]
    return (*BYPASSED_PREFIXES, *served_here)


def _cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(request, "_csp_nonce", None) is None  # a page using a CSP nonce is never replayed to others
        and response.status_code in (200, 301, 404)
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
        key = _page_key(request)
        if _cache_is_per_process():
            generation = current_generation()
            found = cache.get_many([key, NEXT_CHANGE_KEY])
        else:
            found = cache.get_many([GENERATION_KEY, key, NEXT_CHANGE_KEY])  # one round trip to Redis
            generation = found.get(GENERATION_KEY) or _new_shared_generation()
        stored, next_change = found.get(key), found.get(NEXT_CHANGE_KEY)
        if stored is not None and stored[0] == generation:
            ttl = _seconds_until_next_change(generation, next_change)
            return self._respond(request, *stored[1:], ttl=ttl, hit=True)

        response = self.get_response(request)
        ttl = _seconds_until_next_change(generation, next_change)
        if not _cacheable_response(request, response) or ttl < 1:
            return response
        headers = {name: value for name, value in response.items() if name.lower() not in UNSTORED_HEADERS}
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        stored = (generation, response.status_code, headers, response.content, etag, time.time())
        cache.set(key, stored, timeout=int(ttl))
        return self._respond(request, *stored[1:], ttl=ttl, hit=False, response=response)

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
        # Browsers revalidate (PAGE_CACHE_BROWSER_SECONDS, 0 by default); a CDN keeps the page until the
        # next scheduled change at the latest. Neither outlives a scheduled publication.
        shared = max(1, int(ttl))
        response["Cache-Control"] = (
            f"public, max-age={min(settings.PAGE_CACHE_BROWSER_SECONDS, shared)}, s-maxage={shared}, "
            f"stale-while-revalidate={settings.PAGE_CACHE_STALE_SECONDS}"
        )
        return response
