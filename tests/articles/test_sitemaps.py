import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles import sitemaps
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

SITE = "https://news.example.com"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def xml(client, url):
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locs(root, tag="sm:url"):
    return [el.findtext("sm:loc", namespaces=NS) for el in root.findall(tag, NS)]


@override_settings(SITE_URL=SITE)
def test_index_names_every_section_on_site_url_with_lastmod(client):
    article = ArticleFactory(authors=[AuthorFactory(name="Ольга")], regions=["Ирак"], topics=["能源"])
    root = xml(client, reverse("articles:sitemap"))
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    entries = root.findall("sm:sitemap", NS)
    assert [e.findtext("sm:loc", namespaces=NS) for e in entries] == [
        SITE + reverse("articles:sitemap_section", kwargs={"section": s}) for s in sitemaps.SECTIONS
    ]
    assert all(e.findtext("sm:lastmod", namespaces=NS) for e in entries)
    pages = {
        s: locs(xml(client, reverse("articles:sitemap_section", kwargs={"section": s}))) for s in sitemaps.SECTIONS
    }
    assert pages["articles"] == [SITE + article.get_absolute_url()]
    assert pages["authors"] == [SITE + article.byline_authors[0].get_absolute_url()]
    assert pages["regions"] == [SITE + article.regions.get().get_absolute_url()]
    assert pages["topics"] == [SITE + article.topics.get().get_absolute_url()]


def test_articles_are_split_into_pages_of_at_most_a_thousand(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    ArticleFactory.create_batch(5)
    index = locs(xml(client, reverse("articles:sitemap")), "sm:sitemap")
    article_pages = [loc for loc in index if "sitemap-articles" in loc]
    assert len(article_pages) == 3 and article_pages[1].endswith("?p=2")
    third = reverse("articles:sitemap_section", kwargs={"section": "articles"}) + "?p=3"
    assert len(locs(xml(client, third))) == 1
    assert sitemaps.URLS_PER_PAGE == 1000 and sitemaps.ArticleSitemap.limit == 2
    assert client.get(third.replace("p=3", "p=9")).status_code == 404


@override_settings(SITE_URL=SITE, SITE_NAME="The Newsroom", SITE_LANGUAGE="en")
def test_news_sitemap_holds_the_last_48_hours_in_google_news_format(client):
    fresh = ArticleFactory(headline="Fresh </title> news 🛰️")
    Article.objects.filter(pk=fresh.pk).update(headline="Fresh </title> news 🛰️\x0b")
    old = ArticleFactory(publish_at=timezone.now() - timedelta(hours=49))
    root = xml(client, reverse("articles:news_sitemap"))
    urls = root.findall("sm:url", NS)
    assert [u.findtext("sm:loc", namespaces=NS) for u in urls] == [SITE + fresh.get_absolute_url()]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Newsroom"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh </title> news 🛰️"
    assert news.findtext("news:publication_date", namespaces=NS) == fresh.publish_at.isoformat()
    assert old.get_absolute_url() not in client.get(reverse("articles:news_sitemap")).content.decode()


@override_settings(SITE_URL=SITE)
def test_robots_txt_names_both_sitemaps(client):
    response = client.get(reverse("articles:robots"))
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


@pytest.mark.parametrize("count", [1, 15])
def test_sitemap_queries_do_not_grow_with_content(no_page_cache, client, django_assert_num_queries, count):
    for _ in range(count):
        ArticleFactory(authors=AuthorFactory.create_batch(2), regions=["Iraq"], topics=["Energy"])
    with django_assert_num_queries(8):  # per section: latest lastmod, count
        client.get(reverse("articles:sitemap"))
    for section in sitemaps.SECTIONS:
        with django_assert_num_queries(2):  # count, page
            client.get(reverse("articles:sitemap_section", kwargs={"section": section}))
    with django_assert_num_queries(2):
        client.get(reverse("articles:news_sitemap"))


@override_settings(SITE_URL=SITE)
def test_authors_regions_and_topics_are_last_modified_by_their_newest_public_story(client):
    """Read from the links' copy of the publication time (``sitemaps.newest_public``): a story
    scheduled, withdrawn or rescheduled by a bulk update counts as readers see it."""
    days_ago = lambda days: timezone.now() - timedelta(days=days)  # noqa: E731
    tags = {"authors": [AuthorFactory(name="Zoë Ó Briain")], "regions": ["Łódź"], "topics": ["Вода 💧"]}
    ArticleFactory(publish_at=days_ago(9), **tags)
    ArticleFactory(publish_at=timezone.now() + timedelta(days=1), **tags)  # scheduled
    withdrawn = ArticleFactory(publish_at=days_ago(1), **tags)
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.WITHDRAWN)
    moved = ArticleFactory(publish_at=days_ago(30), **tags)
    Article.objects.filter(pk=moved.pk).update(publish_at=days_ago(4))  # now the newest public story
    ArticleFactory(status=Article.Status.DRAFT, regions=["Ниневия"], topics=["!!!"])  # nothing public
    expected = timezone.localdate(days_ago(4)).isoformat()
    for section in ("authors", "regions", "topics"):
        root = xml(client, reverse("articles:sitemap_section", kwargs={"section": section}))
        assert [url.findtext("sm:lastmod", namespaces=NS) for url in root.findall("sm:url", NS)] == [expected]
