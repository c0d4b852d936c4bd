from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import APIKey


class APIKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Api-Key <key>``. No header: an anonymous (throttled) reader. A wrong or
    revoked key is refused outright rather than silently treated as anonymous."""

    keyword = "Api-Key"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        keyword, _, raw_key = header.partition(" ")
        if keyword != self.keyword:
            return None
        key = APIKey.objects.matching(raw_key.strip())
        if key is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        key.mark_used()
        return (AnonymousUser(), key)  # a key identifies a partner, never a staff login

    def authenticate_header(self, request):
        return self.keyword


class APIKeyScheme(OpenApiAuthenticationExtension):
    target_class = APIKeyAuthentication
    name = "apiKey"
    optional = True  # anonymous reads work too, throttled

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>`; lifts the anonymous rate limit.",
        }
