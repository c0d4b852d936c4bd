"""The reader's address, for login throttling: the one rule for believing X-Forwarded-For.

Behind ``TRUSTED_PROXY_COUNT`` load balancers, each appends the address it saw to
X-Forwarded-For, so the reader is that many entries from the end; anything further left was sent
by the client and proves nothing. Without trusted proxies the header is ignored. (The read API's
throttling follows the same rule through Django REST Framework's ``NUM_PROXIES``.)
"""

from django.conf import settings


def client_address(request) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")
