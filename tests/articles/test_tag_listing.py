"""A topic's page and a region's page and feed list their public stories newest first, however the
publication time or the tag links were written. A topic's, and a region's with none inside it, come
from the tag links' copy of the publication time (``article_publish_at``), which the database keeps
in step (migration 0024): these tests fail if a write path leaves it behind, or if a table rebuild
lost its triggers."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from articles.models import Article, Region, TaggedRegion, TaggedTopic, Topic
from tests.factories import ArticleFactory
from tests.reader_pages import headline_links, page, urls

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["topic", "region"])
def tag(request):
    if request.param == "topic":
        return Topic.objects.create(name="Вода і право 💧")
    return Region.objects.create(name="Łódź-Śródmieście")


def links_of(tag):
    return TaggedTopic if isinstance(tag, Topic) else TaggedRegion


def tagged(tag, **fields):
    return ArticleFactory(**fields, **{"topics" if isinstance(tag, Topic) else "regions": [tag]})


def listed(client, tag, page_number=1):
    response = client.get(tag.get_absolute_url(), {"page": page_number} if page_number > 1 else {})
    return headline_links(page(response))


def in_feed(client, tag):
    name = "articles:topic_feed" if isinstance(tag, Topic) else "articles:region_feed"
    response = client.get(reverse(name, kwargs={"slug": tag.slug}))
    assert response.status_code == 200
    return [urlsplit(item.findtext("link")).path for item in ET.fromstring(response.content).iter("item")]


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def stories(tag):
    return [
        tagged(tag, headline=headline, publish_at=hours_ago(age))
        for headline, age in (("Старе", 30), ("الوسط", 20), ("最新 🗞", 10))
    ]


def test_a_tags_page_and_feed_list_newest_first(client, no_page_cache, tag, stories):
    old, middle, new = stories
    assert listed(client, tag) == urls(new, middle, old)
    assert in_feed(client, tag) == [iri_to_uri(url) for url in urls(new, middle, old)]


def test_a_rescheduled_story_moves_however_its_time_was_written(client, no_page_cache, tag, stories):
    old, middle, new = stories
    old.publish_at = hours_ago(1)
    old.save()
    assert listed(client, tag) == urls(old, new, middle)

    Article.objects.filter(pk=new.pk).update(publish_at=hours_ago(0.5))  # a bulk update skips save()
    assert listed(client, tag) == urls(new, old, middle)

    with connection.cursor() as cursor:  # even plain SQL
        cursor.execute("UPDATE articles_article SET publish_at = %s WHERE id = %s", [hours_ago(40), new.pk])
    assert listed(client, tag) == urls(old, middle, new)


def test_a_story_scheduled_or_unpublished_leaves_the_page(client, no_page_cache, tag, stories):
    old, middle, new = stories
    Article.objects.filter(pk=new.pk).update(publish_at=timezone.now() + timedelta(days=1))
    middle.status = Article.Status.DRAFT
    middle.save()
    assert listed(client, tag) == urls(old)
    assert in_feed(client, tag) == [iri_to_uri(old.get_absolute_url())]


def test_links_added_moved_or_inserted_in_bulk_take_their_storys_time(client, no_page_cache, tag, stories):
    old, middle, new = stories
    other = type(tag).objects.create(name="!!! ?")
    getattr(middle, "topics" if isinstance(tag, Topic) else "regions").add(other)
    links_of(tag).objects.bulk_create([links_of(tag)(content_object=new, tag=other)])
    assert listed(client, other) == urls(new, middle)

    link = links_of(tag).objects.get(content_object=middle, tag=other)
    link.content_object = old  # the link moves to another story
    link.save()
    assert listed(client, other) == urls(new, old)
    assert {x.content_object_id: x.article_publish_at for x in links_of(tag).objects.filter(tag=other)} == {
        new.pk: new.publish_at,
        old.pk: old.publish_at,
    }


def test_twenty_a_page_with_stories_at_the_same_second_in_a_stable_order(client, no_page_cache, tag):
    moment = hours_ago(3)
    stories = [tagged(tag, publish_at=moment - timedelta(minutes=n // 2)) for n in range(25)]
    ArticleFactory.create_batch(3, publish_at=moment)  # not tagged
    expected = sorted(stories, key=lambda a: (a.publish_at, a.pk), reverse=True)
    assert listed(client, tag) == urls(*expected[:20])
    assert listed(client, tag, page_number=2) == urls(*expected[20:])


def test_a_region_with_a_region_inside_lists_a_story_carrying_both_once(client, no_page_cache):
    outer = Region.objects.create(name="الشرق الأوسط")
    alone = ArticleFactory(regions=[outer], publish_at=hours_ago(5))
    assert listed(client, outer) == urls(alone)

    inner = Region.objects.create(name="Ниневия", parent=outer)
    both = ArticleFactory(regions=[outer, inner], publish_at=hours_ago(1))
    inside = ArticleFactory(regions=[inner], publish_at=hours_ago(3))
    assert listed(client, outer) == urls(both, inside, alone)
    assert listed(client, inner) == urls(both, inside)
