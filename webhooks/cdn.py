"""CDN purge deliveries: what a change purges (URLs and cache tags) and each CDN API's format.

An endpoint's kind picks the format:

- ``purge``: Newsroom's own signed JSON, ``{"id", "event", "created_at", "purge": {"urls": [...], "tags": [...]}}``.
- ``cloudflare``: ``POST https://api.cloudflare.com/client/v4/zones/<zone id>/purge_cache`` with
  ``Authorization: Bearer <API token>``. Cloudflare takes one purge method per call and at most
  30 items, so a change becomes several deliveries: ``{"files": [...]}`` then ``{"tags": [...]}``.
- ``fastly``: ``POST https://api.fastly.com/service/<service id>/purge`` with ``Fastly-Key: <API
  token>`` and the keys both in the ``Surrogate-Key`` header and as ``{"surrogate_keys": [...]}``.
  Every page carries its keys, so tags alone reach every affected page.

For the CDN kinds the endpoint's *secret* holds the CDN's API token. Which pages carry which tags
is ``articles.surrogate``; which URLs and tags a change affects is ``articles.affected``. A purge
identical to one still waiting for the same endpoint is not queued again.
"""

import json
import re

CLOUDFLARE_BATCH = 30
FASTLY_BATCH = 256
URL_PATTERNS = {
    "cloudflare": (
        re.compile(r"^https://api\.cloudflare\.com/client/v4/zones/[0-9a-f]{32}/purge_cache$"),
        "https://api.cloudflare.com/client/v4/zones/<32-character zone id>/purge_cache",
    ),
    "fastly": (
        re.compile(r"^https://api\.fastly\.com/service/[A-Za-z0-9]+/purge$"),
        "https://api.fastly.com/service/<service id>/purge",
    ),
}


def _batches(items, size):
    return [items[start : start + size] for start in range(0, len(items), size)]


def purge_bodies(kind: str, envelope: dict, urls: list[str], tags: list[str]) -> list[str]:
    """The request bodies one change sends to an endpoint of this purge kind, in order."""
    if kind == "cloudflare":
        return [json.dumps({"files": batch}) for batch in _batches(urls, CLOUDFLARE_BATCH)] + [
            json.dumps({"tags": batch}) for batch in _batches(tags, CLOUDFLARE_BATCH)
        ]
    if kind == "fastly":
        return [json.dumps({"surrogate_keys": batch}) for batch in _batches(tags, FASTLY_BATCH)]
    return [json.dumps({**envelope, "purge": {"urls": urls, "tags": tags}})]


def _purged(kind: str, body: str):
    """What a body purges, without the envelope that makes every Newsroom body unique."""
    content = json.loads(body)
    return content["purge"] if kind == "purge" else content


def not_yet_queued(endpoint, bodies: list[str]) -> list[str]:
    """Leave out purges identical to one still waiting for this endpoint: one change often raises
    two events (a correction also saves its article), and purging the same things twice is waste."""
    from .models import Delivery

    waiting = Delivery.objects.filter(endpoint=endpoint, status=Delivery.Status.PENDING, attempts=0)
    queued = [_purged(endpoint.kind, body) for body in waiting.values_list("body", flat=True)]
    return [body for body in bodies if _purged(endpoint.kind, body) not in queued]


def request_headers(endpoint, body: str) -> dict[str, str]:
    """The CDN API's authentication (and Fastly's key header); nothing for Newsroom's own kinds."""
    if endpoint.kind == "cloudflare":
        return {"Authorization": f"Bearer {endpoint.secret}"}
    if endpoint.kind == "fastly":
        return {"Fastly-Key": endpoint.secret, "Surrogate-Key": " ".join(json.loads(body)["surrogate_keys"])}
    return {}


def url_problem(kind: str, url: str) -> str | None:
    """Why ``url`` cannot be this CDN's purge address, or None."""
    if kind in URL_PATTERNS and not URL_PATTERNS[kind][0].match(url):
        return f"A {kind} purge endpoint's URL looks like {URL_PATTERNS[kind][1]}."
    return None
