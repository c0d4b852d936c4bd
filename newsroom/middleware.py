"""Project middleware: the request id and the log line of every request, query strings made safe
to use, and the security headers Django lacks."""

import logging
import time

from django.conf import settings
from django.db import DatabaseError
from django.http import QueryDict

from newsroom.logging import accepted_request_id, bound_request_id
from newsroom.text import strip_controls

access_log = logging.getLogger("newsroom.requests")


class RequestLogMiddleware:
    """Gives each request an id (the proxy's ``X-Request-ID`` when sane, a new one otherwise),
    returns it in ``X-Request-ID``, stamps every log line made while answering with it (an
    unhandled exception's traceback included: Django logs it inside) and logs one line per request:
    method, path, status, duration_ms and the user id when someone is logged in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = accepted_request_id(request.headers.get("X-Request-ID"))
        started = time.perf_counter()
        with bound_request_id(request.request_id):
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            fields = {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": _user_id(request),
            }
            level = logging.ERROR if response.status_code >= 500 else logging.INFO
            access_log.log(level, "%s %s %s", request.method, request.path, response.status_code, extra=fields)
        return response


def _user_id(request):
    user = getattr(request, "user", None)
    if user is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None  # nobody can be logged in without the session cookie: no query for the answer
    try:
        return user.pk if user.is_authenticated else None
    except DatabaseError:  # the database went away: the answer already given matters more
        return None


class StripControlCharactersMiddleware:
    """Query-string values (admin search boxes, filters, ?q=, suggest endpoints) lose NUL and the
    other control characters before any view sees them. PostgreSQL refuses NUL in a query, so one
    typed into any search box would otherwise be a 500 rather than an ordinary empty result."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(strip_controls(v) != v for key, values in request.GET.lists() for v in [key, *values]):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(strip_controls(key), [strip_controls(value) for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Turns off browser features no page of the site uses, so injected or third-party code can't."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class ServedByMiddleware:
    """``X-Served-By: <SERVED_BY>`` on every answer, when several instances run behind a load
    balancer (deploy/cluster.py names them): which one answered is then visible in tests and logs.
    Installed only when ``SERVED_BY`` is set."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.name = settings.SERVED_BY

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Served-By"] = self.name
        return response
