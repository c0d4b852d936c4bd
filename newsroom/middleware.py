"""Project middleware: query strings made safe to use, and the security headers Django lacks."""

from django.conf import settings
from django.http import QueryDict

from newsroom.text import strip_controls


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
