from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_public_https(app_configs, **kwargs):
    """SITE_URL builds every absolute link; in production it must be the public https address."""
    url = settings.SITE_URL
    if url.startswith("https://") and "127.0.0.1" not in url and "localhost" not in url:
        return []
    return [
        Warning(
            f"SITE_URL is {url!r}: canonical links, feeds, sitemaps and share links would point there.",
            hint="Set SITE_URL to the public address readers use, e.g. https://news.example.com",
            id="newsroom.W001",
        )
    ]
