"""An author's page and feed list the author's public stories newest first, however the
publication time or the bylines were written. The order comes from the bylines' copy of the
publication time (``Byline.article_publish_at``), which the database keeps in step (migration
0023): these tests fail if a write path leaves it behind, or if a table rebuild lost its triggers."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from articles.models import Article, Byline
from tests.factories import ArticleFactory, AuthorFactory
from tests.reader_pages import headline_links, page, urls

pytestmark = pytest.mark.django_db


def listed(client, author, page_number=1):
    response = client.get(author.get_absolute_url(), {"page": page_number} if page_number > 1 else {})
    return headline_links(page(response))


def in_feed(client, author):
    response = client.get(reverse("articles:author_feed", kwargs={"slug": author.slug}))
    assert response.status_code == 200
    return [urlsplit(item.findtext("link")).path for item in ET.fromstring(response.content).iter("item")]


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def writer_and_stories():
    writer = AuthorFactory(name="Олена Шевчук")
    old, middle, new = (
        ArticleFactory(headline=headline, publish_at=hours_ago(age), authors=[writer])
        for headline, age in (("Старе", 30), ("الوسط", 20), ("最新 🗞", 10))
    )
    return writer, old, middle, new


def test_an_author_page_and_feed_list_newest_first(client, no_page_cache, writer_and_stories):
    writer, old, middle, new = writer_and_stories
    assert listed(client, writer) == urls(new, middle, old)
    assert in_feed(client, writer) == [iri_to_uri(url) for url in urls(new, middle, old)]


def test_a_rescheduled_story_moves_however_its_time_was_written(client, no_page_cache, writer_and_stories):
    writer, old, middle, new = writer_and_stories
    old.publish_at = hours_ago(1)
    old.save()
    assert listed(client, writer) == urls(old, new, middle)

    Article.objects.filter(pk=new.pk).update(publish_at=hours_ago(0.5))  # a bulk update skips save()
    assert listed(client, writer) == urls(new, old, middle)

    with connection.cursor() as cursor:  # even plain SQL
        cursor.execute("UPDATE articles_article SET publish_at = %s WHERE id = %s", [hours_ago(40), new.pk])
    assert listed(client, writer) == urls(old, middle, new)


def test_a_story_scheduled_or_unpublished_leaves_the_authors_page(client, no_page_cache, writer_and_stories):
    writer, old, middle, new = writer_and_stories
    Article.objects.filter(pk=new.pk).update(publish_at=timezone.now() + timedelta(days=1))
    middle.status = Article.Status.DRAFT
    middle.save()
    assert listed(client, writer) == urls(old)
    assert in_feed(client, writer) == [iri_to_uri(old.get_absolute_url())]


def test_bylines_added_moved_or_inserted_in_bulk_take_their_storys_time(client, no_page_cache, writer_and_stories):
    _, old, middle, new = writer_and_stories
    guest = AuthorFactory(name="Zoë Ó Briain")
    Byline.objects.create(article=middle, author=guest)
    Byline.objects.bulk_create([Byline(article=new, author=guest, position=1)])
    assert listed(client, guest) == urls(new, middle)

    byline = Byline.objects.get(article=middle, author=guest)
    byline.article = old  # the guest's byline moves to another story
    byline.save()
    assert listed(client, guest) == urls(new, old)
    assert {b.article_id: b.article_publish_at for b in Byline.objects.filter(author=guest)} == {
        new.pk: new.publish_at,
        old.pk: old.publish_at,
    }


def test_twenty_a_page_with_stories_at_the_same_second_in_a_stable_order(client, no_page_cache):
    writer = AuthorFactory(name="أحمد الخطيب")
    moment = hours_ago(3)
    stories = [ArticleFactory(publish_at=moment - timedelta(minutes=n // 2), authors=[writer]) for n in range(25)]
    others = AuthorFactory()
    ArticleFactory.create_batch(3, publish_at=moment, authors=[others])  # not the writer's
    expected = sorted(stories, key=lambda a: (a.publish_at, a.pk), reverse=True)
    assert listed(client, writer) == urls(*expected[:20])
    assert listed(client, writer, page_number=2) == urls(*expected[20:])
