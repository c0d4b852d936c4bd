from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_to_serve_insecurely():
    """Called by the WSGI and ASGI entry points, which every server (runserver, gunicorn) loads."""
    if not settings.DEBUG and settings.SECRET_KEY == settings.INSECURE_SECRET_KEY:
        raise ImproperlyConfigured("Set SECRET_KEY before serving with DEBUG off (or DEBUG=true for development).")
