from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class AnonymousRateThrottle(SimpleRateThrottle):
    """Readers without an API key share ``API_ANON_RATE`` per client address; a key lifts it."""

    scope = "anonymous"

    def get_rate(self):
        return settings.API_ANON_RATE

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
