"""Project-wide views: the error handler that tells a database outage from a bug, /healthz, and
the password reset whose emailed link is built on SITE_URL."""

import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    """handler500. Django calls it while handling the exception, so ``sys.exc_info()`` names it.

    A database that is down or unreachable is not a bug: readers get a 503 page in the site's
    design with ``Retry-After``. Nothing on that path touches the database (the page is rendered
    without context processors), and Django closes the broken connection at the end of the
    request, so the site recovers on its own when the database is back.
    """
    outage = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    html = loader.render_to_string("503.html" if outage else template_name, {"SITE_NAME": settings.SITE_NAME})
    response = HttpResponse(html, status=503 if outage else 500)
    response["Cache-Control"] = "no-store"
    if outage:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@never_cache
def healthz(request):
    """For load balancers: 200 when the database and the cache answer, 503 otherwise."""
    checks = {"database": _check(_database_ok), "cache": _check(_cache_ok)}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)


def _check(probe):
    try:
        probe()
    except Exception:  # any failure means "not healthy"; the body says which part
        return "unavailable"
    return "ok"


def _database_ok():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache_ok():
    if isinstance(caches["default"], DummyCache):  # caching turned off on purpose: nothing to check
        return
    cache.set("healthz", "1", 10)
    if cache.get("healthz") != "1":
        raise RuntimeError("cache did not return what was stored")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view builds the emailed link from the request's Host header; a forged Host would
    send staff a reset link to someone else's server. The link is built on SITE_URL instead."""

    def form_valid(self, form):
        site = urlsplit(settings.SITE_URL)
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            html_email_template_name=self.html_email_template_name,
            extra_email_context={"site_name": settings.SITE_NAME, **(self.extra_email_context or {})},
            request=self.request,
        )
        return HttpResponseRedirect(self.get_success_url())


CEILING_PAGE = "<!doctype html><title>ceiling</title><p>" + "x" * (30 * 1024 - 44) + "</p>"


def bench_ceiling(request):
    """The framework's ceiling for ``make bench``: a fixed 30 KB page through the full middleware
    stack, no database, no template. Only routed when BENCH_CEILING is set."""
    return HttpResponse(CEILING_PAGE)
