from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Values people paste from examples and tutorials; a key anyone can read is no secret.
PLACEHOLDER_MARKERS = ("change-me", "changeme", "django-insecure", "secret-key", "your-secret", "placeholder")
MIN_SECRET_KEY_LENGTH = 50


def refuse_to_serve_insecurely():
    """Called by the WSGI and ASGI entry points, which every server (runserver, gunicorn) loads.

    With DEBUG off the SECRET_KEY signs sessions, password-reset links and share links, so a
    missing, short or copied-from-the-docs key stops the server instead of serving with it.
    """
    if settings.DEBUG:
        return
    key = settings.SECRET_KEY
    if key == settings.INSECURE_SECRET_KEY:
        raise ImproperlyConfigured("Set SECRET_KEY before serving with DEBUG off (or DEBUG=true for development).")
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5 or any(m in key.lower() for m in PLACEHOLDER_MARKERS):
        raise ImproperlyConfigured(
            f"SECRET_KEY must be a random value of at least {MIN_SECRET_KEY_LENGTH} characters, not a placeholder. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
