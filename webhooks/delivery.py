"""Sending one delivery: the signature, the background task that makes one attempt, and retries.

Signature (documented in the README), like Stripe's::

    Newsroom-Signature: t=1767225600,v1=<hex HMAC-SHA256 of "{t}.{body}" keyed with the endpoint secret>

The receiver recomputes it over the raw body and rejects old timestamps, which stops replays.

Each attempt is a django-tasks task (``send_delivery``) stored by the database backend and run by
``manage.py run_worker``. A failed attempt (network error or a non-2xx answer) queues the next one
with ``run_after`` WEBHOOK_RETRY_BASE_SECONDS later, then twice as long each time, up to
WEBHOOK_MAX_ATTEMPTS attempts in all. The ``Delivery`` row logs every step for the admin.
"""

import hashlib
import hmac
import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from newsroom.logging import bound_request_id, current_request_id

from . import cdn
from .models import Delivery

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
# An attempt that should have started this long ago and left no trace lost its task (a worker killed
# mid-send, or a row older than the task queue); far longer than any attempt takes.
STALLED_AFTER = timedelta(minutes=5)


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


def enqueue(delivery: Delivery):
    """Queue the delivery's next attempt for its ``next_attempt_at``. Called inside the transaction
    that writes the row: with the database backend the task is a row too, so both exist or neither."""
    send_delivery.using(run_after=delivery.next_attempt_at).enqueue(
        delivery.pk, delivery.attempts + 1, request_id=delivery.request_id
    )


@task()
def send_delivery(delivery_id: int, attempt_number: int, request_id: str = "") -> str:
    """One attempt. The attempt number makes a duplicate or stale task harmless: it only runs
    while the delivery is pending with exactly the attempts before it. Its log lines carry the id
    of the request that caused the delivery."""
    with bound_request_id(request_id or current_request_id()):
        return _attempt(delivery_id, attempt_number)


def _attempt(delivery_id: int, attempt_number: int) -> str:
    delivery = (
        Delivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, status=Delivery.Status.PENDING, attempts=attempt_number - 1)
        .first()
    )
    if delivery is None:
        logger.info("Webhook delivery %s attempt %s: nothing to do", delivery_id, attempt_number)
        return "skipped"
    code, error = post(delivery)
    record(delivery, code, error)
    logger.info(
        "Webhook delivery %s attempt %s to %s: %s",
        delivery.pk,
        attempt_number,
        delivery.endpoint.url,
        code or error,
        extra={"delivery": delivery.pk, "delivery_status": delivery.status, "response_code": code},
    )
    return delivery.status


def post(delivery: Delivery) -> tuple[int | None, str]:
    """POST the signed body; the answer's status code, or the reason nothing came back."""
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
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as failure:
        return failure.code, f"HTTP {failure.code}"
    except (urllib.error.URLError, OSError, ValueError) as failure:  # ValueError: a URL urllib refuses
        return None, str(getattr(failure, "reason", failure)) or type(failure).__name__


def record(delivery: Delivery, code: int | None, error: str):
    """Log the attempt on the row; after a failure, queue the next attempt or give up."""
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_code = code
    delivery.error = error
    delivery.next_attempt_at = None
    if code is not None and 200 <= code < 300:
        delivery.status = Delivery.Status.SUCCEEDED
    elif delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status = Delivery.Status.FAILED
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    with transaction.atomic():
        delivery.save()
        if delivery.next_attempt_at:
            enqueue(delivery)


def requeue_stalled(now=None) -> int:
    """Queue again every pending delivery whose attempt is long overdue, so none is lost. Should
    its old task still run, the attempt-number check makes one of the two a no-op."""
    now = now or timezone.now()
    requeued = 0
    stalled = Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lt=now - STALLED_AFTER)
    for stalled_delivery in stalled.only("pk", "attempts", "request_id"):
        with transaction.atomic():
            stalled_delivery.next_attempt_at = now
            stalled_delivery.save(update_fields=["next_attempt_at"])
            enqueue(stalled_delivery)
        logger.warning("Webhook delivery %s was stalled; queued again", stalled_delivery.pk)
        requeued += 1
    return requeued


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempts - 1))
