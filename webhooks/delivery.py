"""Sending deliveries and finding scheduled articles that went live: what ``run_worker`` runs.

Signature (documented in the README), like Stripe's::

    Newsroom-Signature: t=1767225600,v1=<hex HMAC-SHA256 of "{t}.{body}" keyed with the endpoint secret>

The receiver recomputes it over the raw body and rejects old timestamps, which stops replays.
A failed attempt (network error or a non-2xx answer) is retried after WEBHOOK_RETRY_BASE_SECONDS,
then twice as long each time, up to WEBHOOK_MAX_ATTEMPTS attempts in all.
"""

import hashlib
import hmac
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.models import Article

from . import cdn, events
from .models import Delivery, Event, PublicationCheck

LEASE = timedelta(minutes=5)  # a worker that dies mid-send leaves the delivery due again after this
TIMEOUT_SECONDS = 10


def signature(secret: str, body: str, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret: str, body: str, header: str, *, tolerance=300, now=None) -> bool:
    """What a receiver does (and the tests): the signature matches and is recent."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, body, timestamp), header)


def check_publications(now=None) -> int:
    """Emit ``article.published`` for every article whose ``publish_at`` passed since the last
    check. The first check ever only sets the mark, so an existing archive is not announced."""
    now = now or timezone.now()
    with transaction.atomic():
        mark = PublicationCheck.objects.select_for_update().first()
        if mark is None:
            PublicationCheck.objects.create(checked_until=now)
            return 0
        went_live = list(
            Article.objects.published()
            .filter(publish_at__gt=mark.checked_until, publish_at__lte=now)
            .values_list("pk", flat=True)
        )
        mark.checked_until = now
        mark.save()
        for pk in went_live:
            events.emit_later(Event.ARTICLE_PUBLISHED, article_id=pk)
    return len(went_live)


def deliver_due(now=None, limit=50) -> int:
    now = now or timezone.now()
    sent = 0
    for delivery in Delivery.objects.due(now).select_related("endpoint").order_by("next_attempt_at", "pk")[:limit]:
        # Claim it: only one worker moves next_attempt_at from the value it read.
        claimed = Delivery.objects.filter(pk=delivery.pk, next_attempt_at=delivery.next_attempt_at).update(
            next_attempt_at=now + LEASE
        )
        if claimed:
            attempt(delivery)
            sent += 1
    return sent


def attempt(delivery: Delivery):
    body = delivery.body
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Newsroom-Webhooks/1",
            "Newsroom-Event": delivery.event,
            "Newsroom-Signature": signature(delivery.endpoint.secret, body, int(time.time())),
            **cdn.request_headers(delivery.endpoint, body),  # a CDN API's token (webhooks/cdn.py)
        },
    )
    code, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            code = response.status
    except urllib.error.HTTPError as failure:
        code, error = failure.code, f"HTTP {failure.code}"
    except (urllib.error.URLError, OSError) as failure:
        error = str(getattr(failure, "reason", failure))
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_code = code
    delivery.error = error
    if code is not None and 200 <= code < 300:
        delivery.status = Delivery.Status.SUCCEEDED
    elif delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status = Delivery.Status.FAILED
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save()


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempts - 1))


def run_once(now=None) -> tuple[int, int]:
    """One pass of the worker: scheduled publications first, then whatever is due."""
    published = check_publications(now)
    return published, deliver_due()
