"""Public pages name what they show in Surrogate-Key (Fastly) and Cache-Tag (Cloudflare), so a CDN
can purge exactly the pages a change touches (articles.surrogate, articles.affected)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Region, Topic
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def keys(response) -> list[str]:
    surrogate = response["Surrogate-Key"].split(" ")
    assert response["Cache-Tag"].split(",") == surrogate  # the same keys, in each CDN's syntax
    return surrogate


@pytest.fixture
def newsroom():
    middle_east = Region.objects.create(name="Middle East")
    iraq = Region.objects.create(name="Iraq", parent=middle_east)
    lina, omar = AuthorFactory(name="Lina Haddad"), AuthorFactory(name="Omar Said")
    older = ArticleFactory(headline="Older dam story", authors=[omar], regions=[iraq], topics=["Energy"])
    story = ArticleFactory(headline="Dam opens", authors=[lina, omar], regions=[iraq], topics=["Energy", "Water"])
    elsewhere = ArticleFactory(headline="Unrelated", authors=[lina], topics=["Sport"])
    draft = ArticleFactory(headline="Draft", draft=True, authors=[lina], regions=[iraq], topics=["Energy"])
    return {
        "story": story,
        "older": older,
        "elsewhere": elsewhere,
        "draft": draft,
        "lina": lina,
        "omar": omar,
        "iraq": iraq,
        "middle_east": middle_east,
        "energy": Topic.objects.get(name="Energy"),
        "water": Topic.objects.get(name="Water"),
    }


def test_the_article_page_names_the_article_its_authors_regions_topics_and_related_stories(client, newsroom):
    n = newsroom
    response = client.get(n["story"].get_absolute_url())
    assert keys(response) == [
        f"article-{n['story'].pk}",
        f"author-{n['lina'].pk}",
        f"author-{n['omar'].pk}",
        f"region-{n['iraq'].pk}",
        f"topic-{n['energy'].pk}",
        f"topic-{n['water'].pk}",
        f"article-{n['older'].pk}",  # linked under "Related stories"
    ]


def test_listings_name_themselves_and_every_article_they_show(client, newsroom):
    n = newsroom
    story, older, elsewhere = (f"article-{n[name].pk}" for name in ("story", "older", "elsewhere"))
    assert sorted(keys(client.get("/"))) == sorted(["home", story, older, elsewhere])
    assert keys(client.get(n["middle_east"].get_absolute_url())) == [f"region-{n['middle_east'].pk}", story, older]
    assert keys(client.get(n["energy"].get_absolute_url())) == [f"topic-{n['energy'].pk}", story, older]
    assert keys(client.get(n["lina"].get_absolute_url())) == [f"author-{n['lina'].pk}", elsewhere, story]
    assert keys(client.get("/feed/")) == ["feed"]
    assert keys(client.get(n["iraq"].get_absolute_url() + "feed/atom/")) == [f"region-{n['iraq'].pk}"]
    assert f"article-{n['draft'].pk}" not in client.get("/")["Surrogate-Key"]  # unpublished work is never named
    year = n["story"].publish_at.year
    assert keys(client.get(f"/archive/{year}/"))[0] == f"archive-{year}"


def test_the_keys_survive_a_page_cache_hit(client, newsroom):
    url = newsroom["story"].get_absolute_url()
    first = client.get(url)
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second["Surrogate-Key"] == first["Surrogate-Key"] and second["Cache-Tag"] == first["Cache-Tag"]


def test_staff_pages_admin_and_previews_carry_no_keys(client, newsroom, editor):
    client.force_login(editor)
    for url in [
        newsroom["story"].get_absolute_url(),
        "/",
        "/admin/",
        f"/admin/articles/article/{newsroom['draft'].pk}/change/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.has_header("Surrogate-Key") and not response.has_header("Cache-Tag"), url


def test_a_shared_preview_carries_no_keys(client, newsroom, editor):
    link = workflow.create_share_link(
        article=newsroom["draft"], by=editor, expires_at=timezone.now() + timedelta(hours=1)
    )
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert not response.has_header("Surrogate-Key") and not response.has_header("Cache-Tag")
