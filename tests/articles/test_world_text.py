"""Names, tags and headlines from every script work on every page (a tag named "Москва" once
made the home, article and author pages answer 500)."""

import re
from urllib.parse import unquote

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import resolve, reverse

from articles.models import Article, Region, Topic
from tests.admin_forms import article_form_data
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

REGIONS = ["Москва", "Türkiye", "São Tomé", "Côte d’Ivoire", "العراق", "北京", "Αθήνα", "ירושלים", "भारत", "!!!"]
TOPICS = ["Выборы", "الطاقة", "经济", "Ελληνικά νέα", "🎉", "Ümit & Şahin", "हिन्दी", "日本語", "한국어", "ไทย"]


@pytest.fixture
def world_article(db):
    author = AuthorFactory(name="Олена Коваль-Ødegård")
    return ArticleFactory(
        headline="Ελλάδα · 北京 · القاهرة: a headline from everywhere 🌍",
        authors=[author, AuthorFactory(name="محمد الأمين")],
        regions=REGIONS,
        topics=TOPICS,
    )


def links_on(html):
    return {href for href in re.findall(r'href="(/[^"]*)"', html) if not href.startswith("/static/")}


def test_every_page_of_an_article_tagged_in_ten_scripts_renders_and_links_resolve(client, world_article):
    pages = [
        reverse("articles:home"),
        world_article.get_absolute_url(),
        *[author.get_absolute_url() for author in world_article.byline_authors],
    ]
    tags = [*world_article.regions.all(), *world_article.topics.all()]
    assert len(tags) == 20
    for page in pages + [tag.get_absolute_url() for tag in tags]:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        for href in links_on(html):
            assert resolve(unquote(href.split("?")[0].split("#")[0])), href
    for tag in tags:
        assert world_article.headline in client.get(tag.get_absolute_url()).content.decode()


def test_a_multi_word_tag_typed_alone_stays_one_tag(client, db):
    client.force_login(UserFactory(username="ed", is_superuser=True))
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(headline="Talks", regions="Middle East", topics="Water rights, water RIGHTS, Energy"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert [r.name for r in article.regions.all()] == ["Middle East"]
    assert sorted(t.name for t in article.topics.all()) == ["Energy", "Water rights"]


def test_text_typed_into_the_admin_is_normalised_before_it_is_checked(client, db):
    client.force_login(UserFactory(username="ed", is_superuser=True))
    url = reverse("admin:articles_article_add")
    response = client.post(url, article_form_data(headline="\u202e\u2066 \x07"))
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    response = client.post(url, article_form_data(headline="Cafe\u0301 \u202eopen\u202c", regions="Ko\u0308ln"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.headline == "Café open"
    assert article.regions.get().name == "Köln"


def test_out_of_range_dates_are_a_form_error(client, db):
    client.force_login(UserFactory(username="ed", is_superuser=True))
    for day in ["1899-12-31", "2101-01-01", "0001-01-01", "9999-12-31"]:
        data = article_form_data(headline="Dated", publish_at_0=day, publish_at_1="10:00:00")
        response = client.post(reverse("admin:articles_article_add"), data)
        assert response.status_code == 200, day
        assert "between the years 1900 and 2100" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_repair_migration_gives_every_old_row_a_valid_unique_slug():
    executor = MigrationExecutor(connection)
    before = [("articles", "0004_unicode_slugs"), ("authors", "0003_unicode_slugs")]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    HistoricRegion = apps.get_model("articles", "Region")
    HistoricAuthor = apps.get_model("authors", "Author")
    HistoricArticle = apps.get_model("articles", "Article")
    HistoricRegion.objects.create(name="हिन्दी", slug="हनद")  # what taggit made: marks dropped
    HistoricRegion.objects.create(name="!!!", slug="")
    HistoricRegion.objects.create(name="???", slug="_1")
    HistoricAuthor.objects.create(name="Anna Ünal", slug="Anna_Unal")
    HistoricArticle.objects.create(headline="Old story", slug="Old_Story", status="draft")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    # A slug that already resolves keeps its address, even if it is not what the name makes today.
    assert sorted(Region.objects.values_list("slug", flat=True)) == ["region-1", "region-2", "हनद"]
    assert AuthorFactory._meta.model.objects.get().slug == "anna-ünal"
    assert Article.objects.get().slug == "old-story"
    assert Topic.objects.count() == 0
