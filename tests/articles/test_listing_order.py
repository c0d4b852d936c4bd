"""An author's, a topic's and a region's page and feed list their public stories newest first,
however the publication time or the links were written. They read the links' copy of the
publication time (``article_publish_at`` on bylines and tag links, ``listings._newest_by_link``),
which the database keeps in step (migrations 0023 and 0024): these tests fail if a write path
leaves it behind, or if a table rebuild lost its triggers."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from articles.models import Article, Byline, Region, TaggedRegion, TaggedTopic, Topic
from authors.models import Author
from tests.factories import ArticleFactory, AuthorFactory
from tests.reader_pages import headline_links, page, urls

pytestmark = pytest.mark.django_db

# For each kind of owner: the factory argument that links a story to it, its feed, and its links'
# model with the names of their owner and article fields.
KINDS = {
    Author: ("authors", "articles:author_feed", Byline, "author", "article"),
    Topic: ("topics", "articles:topic_feed", TaggedTopic, "tag", "content_object"),
    Region: ("regions", "articles:region_feed", TaggedRegion, "tag", "content_object"),
}


@pytest.fixture(params=["author", "topic", "region"])
def owner(request):
    return {
        "author": lambda: AuthorFactory(name="Олена Шевчук"),
        "topic": lambda: Topic.objects.create(name="Вода і право 💧"),
        "region": lambda: Region.objects.create(name="Łódź-Śródmieście"),
    }[request.param]()


def linked(owner, **fields):
    return ArticleFactory(**fields, **{KINDS[type(owner)][0]: [owner]})


def listed(client, owner, page_number=1):
    response = client.get(owner.get_absolute_url(), {"page": page_number} if page_number > 1 else {})
    return headline_links(page(response))


def in_feed(client, owner):
    response = client.get(reverse(KINDS[type(owner)][1], kwargs={"slug": owner.slug}))
    assert response.status_code == 200
    return [urlsplit(item.findtext("link")).path for item in ET.fromstring(response.content).iter("item")]


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def stories(owner):
    return [
        linked(owner, headline=headline, publish_at=hours_ago(age))
        for headline, age in (("Старе", 30), ("الوسط", 20), ("最新 🗞", 10))
    ]


def test_a_page_and_its_feed_list_newest_first(client, no_page_cache, owner, stories):
    old, middle, new = stories
    assert listed(client, owner) == urls(new, middle, old)
    assert in_feed(client, owner) == [iri_to_uri(url) for url in urls(new, middle, old)]


def test_a_rescheduled_story_moves_however_its_time_was_written(client, no_page_cache, owner, stories):
    old, middle, new = stories
    old.publish_at = hours_ago(1)
    old.save()
    assert listed(client, owner) == urls(old, new, middle)

    Article.objects.filter(pk=new.pk).update(publish_at=hours_ago(0.5))  # a bulk update skips save()
    assert listed(client, owner) == urls(new, old, middle)

    with connection.cursor() as cursor:  # even plain SQL
        cursor.execute("UPDATE articles_article SET publish_at = %s WHERE id = %s", [hours_ago(40), new.pk])
    assert listed(client, owner) == urls(old, middle, new)


def test_a_story_scheduled_or_unpublished_leaves_the_page(client, no_page_cache, owner, stories):
    old, middle, new = stories
    Article.objects.filter(pk=new.pk).update(publish_at=timezone.now() + timedelta(days=1))
    middle.status = Article.Status.DRAFT
    middle.save()
    assert listed(client, owner) == urls(old)
    assert in_feed(client, owner) == [iri_to_uri(old.get_absolute_url())]


def test_links_added_moved_or_inserted_in_bulk_take_their_storys_time(client, no_page_cache, owner, stories):
    old, middle, new = stories
    _, _, links, owner_field, article_field = KINDS[type(owner)]
    if isinstance(owner, Author):
        other = AuthorFactory(name="Zoë Ó Briain")
    else:
        other = type(owner).objects.create(name="!!! ?")
    links.objects.create(**{owner_field: other, article_field: middle})
    links.objects.bulk_create([links(**{owner_field: other, article_field: new})])
    assert listed(client, other) == urls(new, middle)

    link = links.objects.get(**{owner_field: other, article_field: middle})
    setattr(link, article_field, old)  # the link moves to another story
    link.save()
    assert listed(client, other) == urls(new, old)
    copies = links.objects.filter(**{owner_field: other}).values_list(f"{article_field}_id", "article_publish_at")
    assert dict(copies) == {new.pk: new.publish_at, old.pk: old.publish_at}


def test_twenty_a_page_with_stories_at_the_same_second_in_a_stable_order(client, no_page_cache, owner):
    moment = hours_ago(3)
    stories = [linked(owner, publish_at=moment - timedelta(minutes=n // 2)) for n in range(25)]
    ArticleFactory.create_batch(3, publish_at=moment, authors=[AuthorFactory()])  # not the owner's
    expected = sorted(stories, key=lambda a: (a.publish_at, a.pk), reverse=True)
    assert listed(client, owner) == urls(*expected[:20])
    assert listed(client, owner, page_number=2) == urls(*expected[20:])


def test_a_region_with_a_region_inside_lists_a_story_carrying_both_once(client, no_page_cache):
    outer = Region.objects.create(name="الشرق الأوسط")
    alone = ArticleFactory(regions=[outer], publish_at=hours_ago(5))
    assert listed(client, outer) == urls(alone)

    inner = Region.objects.create(name="Ниневия", parent=outer)
    both = ArticleFactory(regions=[outer, inner], publish_at=hours_ago(1))
    inside = ArticleFactory(regions=[inner], publish_at=hours_ago(3))
    assert listed(client, outer) == urls(both, inside, alone)
    assert listed(client, inner) == urls(both, inside)
