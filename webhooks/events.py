"""Which changes become events, and queueing them as deliveries once the change has committed.

- ``article.published`` comes only from ``check_publications``: an article is published
  the moment its ``publish_at`` passes, whether an editor pressed Publish (``publish_at`` = now) or
  a scheduled time arrived with no save at all. One path, so an article is never announced twice.
- ``article.updated``: a save of an article that was public before the save and still is.
- ``article.unpublished``: a save that takes a published (live or scheduled) article away.
- ``article.corrected``: a correction or update added (the article's own save is also an update).
- ``author.updated``: a saved author profile.

``emit`` writes one ``Delivery`` per endpoint and queues its first attempt (``webhooks.delivery``).
"""

import json
import uuid

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from articles import surrogate
from articles.affected import affected_tags, affected_urls
from articles.models import Article, Correction
from authors.models import Author
from newsroom.absolute import absolute_url
from newsroom.logging import current_request_id

from . import cdn, delivery
from .models import Delivery, Endpoint, Event, PublicationCheck

ARTICLE_EVENTS = {Event.ARTICLE_PUBLISHED, Event.ARTICLE_UPDATED, Event.ARTICLE_UNPUBLISHED, Event.ARTICLE_CORRECTED}


def _is_public(status, publish_at, now):
    return status == Article.Status.PUBLISHED and publish_at is not None and publish_at <= now


@receiver(pre_save, sender=Article)
def remember_state(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._webhook_before = None
        return
    instance._webhook_before = Article.objects.filter(pk=instance.pk).values_list("status", "publish_at").first()


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    before = getattr(instance, "_webhook_before", None)
    if raw or before is None:
        return
    now = timezone.now()
    if _is_public(*before, now) and _is_public(instance.status, instance.publish_at, now):
        emit_later(Event.ARTICLE_UPDATED, article_id=instance.pk)
    elif before[0] == Article.Status.PUBLISHED and instance.status != Article.Status.PUBLISHED:
        emit_later(Event.ARTICLE_UNPUBLISHED, article_id=instance.pk)


@receiver(post_save, sender=Correction)
def correction_added(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        emit_later(Event.ARTICLE_CORRECTED, article_id=instance.article_id, note=instance.note)


@receiver(post_save, sender=Author)
def author_saved(sender, instance, created=False, raw=False, **kwargs):
    if not created and not raw:
        emit_later(Event.AUTHOR_UPDATED, author_id=instance.pk)


def check_publications(now=None) -> int:
    """Emit ``article.published`` for every article whose ``publish_at`` passed since the last
    check (``run_worker`` calls this every few seconds). The first check ever only sets the mark,
    so an existing archive is not announced."""
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
            emit_later(Event.ARTICLE_PUBLISHED, article_id=pk)
    return len(went_live)


def emit_later(event, **data):
    # The id of the request (or worker pass) making the change, read now: the commit may come later.
    request_id = current_request_id()
    transaction.on_commit(lambda: emit(event, request_id=request_id, **data))


def emit(event, *, article_id=None, author_id=None, note=None, request_id=None):
    """Queue one delivery per active endpoint that wants ``event``. Payloads are built now, from
    the committed rows, so a retry sends exactly what the first attempt sent. ``request_id``
    (the current one by default) follows the deliveries into the worker's log lines."""
    if request_id is None:
        request_id = current_request_id()
    endpoints = [e for e in Endpoint.objects.filter(is_active=True) if event in e.events]
    if not endpoints:
        return []
    if article_id is not None:
        article = Article.objects.for_listing().filter(pk=article_id).first()
        if article is None:
            return []
        subject = {"article": _article_data(article)}
        if note:
            subject["correction"] = note
        urls, tags = affected_urls(article), affected_tags(article)
    else:
        author = Author.objects.filter(pk=author_id).first()
        if author is None:
            return []
        subject = {"author": {"id": author.pk, "name": author.name, "slug": author.slug}}
        subject["author"]["url"] = absolute_url(author.get_absolute_url())
        urls, tags = [subject["author"]["url"]], [surrogate.author(author.pk)]
    envelope = {"id": str(uuid.uuid4()), "event": str(event), "created_at": timezone.now().isoformat()}
    event_body = json.dumps({**envelope, "data": {**subject, "urls": urls}})

    def bodies(endpoint):
        if endpoint.kind == Endpoint.Kind.EVENTS:
            return [event_body]
        # A CDN API may need several calls; a purge already waiting is not queued twice.
        return cdn.not_yet_queued(endpoint, cdn.purge_bodies(endpoint.kind, envelope, urls, tags))

    with transaction.atomic():
        deliveries = Delivery.objects.bulk_create(
            [
                Delivery(endpoint=endpoint, event=event, body=body, request_id=request_id)
                for endpoint in endpoints
                for body in bodies(endpoint)
            ]
        )
        for queued in deliveries:
            delivery.enqueue(queued)
    return deliveries


def _article_data(article):
    return {
        "id": article.pk,
        "slug": article.slug,
        "headline": article.headline,
        "url": absolute_url(article.get_absolute_url()),
        "status": article.state_key,
        "published_at": article.publish_at.isoformat() if article.publish_at else None,
        "authors": [author.name for author in article.byline_authors],
    }
