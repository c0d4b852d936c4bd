import html
import re

import feedparser
import pytest
from django.test import override_settings
from django.urls import reverse

from articles.models import Article, Region
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

SITE = "https://news.example.com"


def parse(client, url):
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def feed_urls(slugs):
    urls = [reverse("articles:feed"), reverse("articles:feed_atom")]
    for name, slug in slugs.items():
        urls += [reverse(f"articles:{name}_feed", kwargs={"slug": slug})]
        urls += [reverse(f"articles:{name}_feed_atom", kwargs={"slug": slug})]
    return urls


@pytest.fixture
def world_article():
    authors = [AuthorFactory(name="Ольга Петрова"), AuthorFactory(name="ليلى حداد"), AuthorFactory(name="王小明")]
    article = ArticleFactory(
        headline="Oil </script> & gas 🛢️ talks",
        summary="A summary with <angle> brackets.",
        body="<p>Full <strong>body</strong> text.</p>",
        authors=authors,
        regions=["Ирак"],
        topics=["طاقة", "能源"],
    )
    # Old rows can hold characters XML 1.0 forbids; the normaliser would strip them on save.
    Article.objects.filter(pk=article.pk).update(headline="Oil </script> & gas 🛢️\x0b talks\x1f")
    article.refresh_from_db()
    return article


@override_settings(SITE_URL=SITE)
def test_every_feed_parses_with_all_authors_categories_summary_and_content(client, world_article):
    slugs = {
        "region": world_article.regions.get().slug,
        "topic": world_article.topics.first().slug,
        "author": world_article.byline_authors[0].slug,
    }
    for url in feed_urls(slugs):
        feed = parse(client, url)
        assert len(feed.entries) == 1, url
        entry = feed.entries[0]
        assert entry.title == "Oil </script> & gas 🛢️ talks"
        assert entry.link == SITE + world_article.get_absolute_url()
        assert [a.get("name") for a in entry.authors] == ["Ольга Петрова", "ليلى حداد", "王小明"], url
        assert {t.term for t in entry.tags} == {"Ирак", "طاقة", "能源"}
        assert "A summary with <angle> brackets." in html.unescape(entry.summary)
        assert "<strong>body</strong>" in entry.content[0].value
        assert entry.id.startswith("tag:news.example.com,")
        assert feed.feed.link.startswith(SITE)
        assert "localhost" not in str(feed)


def test_guid_stays_the_same_when_the_article_is_edited(client, django_capture_on_commit_callbacks):
    article = ArticleFactory(headline="First words")
    before = parse(client, reverse("articles:feed")).entries[0].id
    article.headline, article.slug = "Second words", "second-words"
    with django_capture_on_commit_callbacks(execute=True):  # committed: the cached feed goes stale
        article.save()
    after = parse(client, reverse("articles:feed")).entries[0]
    assert after.id == before
    assert after.title == "Second words"


def test_feeds_hold_the_latest_twenty_newest_first(client):
    ArticleFactory.create_batch(23)
    for url in [reverse("articles:feed"), reverse("articles:feed_atom")]:
        entries = parse(client, url).entries
        assert len(entries) == 20
        expected = [a.headline for a in Article.objects.published()[:20]]
        assert [e.title for e in entries] == expected


def test_feeds_of_unknown_or_unpublished_tags_and_authors_are_404(client, no_page_cache):
    ArticleFactory(draft=True, regions=["Secret Place"])
    assert client.get(reverse("articles:region_feed", kwargs={"slug": "secret-place"})).status_code == 404
    assert client.get(reverse("articles:topic_feed", kwargs={"slug": "nothing"})).status_code == 404
    inactive = AuthorFactory(is_active=False)
    assert client.get(reverse("articles:author_feed", kwargs={"slug": inactive.slug})).status_code == 404
    # A tag whose only story is scheduled has no feed until the story goes live.
    soon = ArticleFactory(scheduled=True, regions=["Закарпаття"], topics=["Паводки 🌊"])
    region, topic = soon.regions.get(), soon.topics.get()
    assert client.get(reverse("articles:region_feed", kwargs={"slug": region.slug})).status_code == 404
    assert client.get(reverse("articles:topic_feed", kwargs={"slug": topic.slug})).status_code == 404
    ArticleFactory(headline="Ріка вийшла з берегів", regions=[region], topics=[topic])
    for name in ("region_feed", "topic_feed"):
        slug = (region if name == "region_feed" else topic).slug
        feed = client.get(reverse(f"articles:{name}", kwargs={"slug": slug}))
        assert feed.status_code == 200 and "Ріка вийшла з берегів" in feed.content.decode()


def test_listing_pages_announce_their_feeds(client, twin_articles):
    pages = {
        reverse("articles:home"): reverse("articles:feed"),
        reverse("articles:region", kwargs={"slug": "iraq"}): reverse("articles:region_feed", kwargs={"slug": "iraq"}),
        reverse("articles:topic", kwargs={"slug": "energy"}): reverse("articles:topic_feed", kwargs={"slug": "energy"}),
        twin_articles["author"].get_absolute_url(): reverse(
            "articles:author_feed", kwargs={"slug": twin_articles["author"].slug}
        ),
    }
    for page, feed in pages.items():
        html = client.get(page).content.decode()
        assert 'rel="alternate" type="application/rss+xml"' in html
        assert f'href="http://127.0.0.1:8000{feed}"' in html or feed in html, page


@pytest.mark.parametrize("count", [1, 12])
def test_feed_queries_do_not_grow_with_content(no_page_cache, client, django_assert_num_queries, count):
    for _ in range(count):
        ArticleFactory(authors=AuthorFactory.create_batch(2), regions=["Iraq", "Syria"], topics=["Energy"])
    # items, bylines+authors, labels (regions and topics); tag and author feeds add their own row.
    with django_assert_num_queries(3):
        parse(client, reverse("articles:feed"))
    with django_assert_num_queries(4):
        parse(client, reverse("articles:region_feed_atom", kwargs={"slug": "iraq"}))


def test_author_feed_queries_do_not_grow_with_content(no_page_cache, client, django_assert_num_queries):
    author = AuthorFactory()
    for _ in range(6):
        ArticleFactory(authors=[author, AuthorFactory()], regions=["Iraq"], topics=["Energy", "Oil"])
    with django_assert_num_queries(4):  # the author, items, bylines+authors, labels
        parse(client, reverse("articles:author_feed_atom", kwargs={"slug": author.slug}))


@override_settings(SITE_URL=SITE)
def test_feed_bodies_carry_library_figures_as_images_and_absolute_links(
    no_page_cache, client, django_assert_num_queries
):
    from tests.factories import ImageFactory

    for _ in range(3):
        image = ImageFactory(alt_text="Cranes over the port")
        ArticleFactory(
            body=f'<p>See <a href="/regions/iraq/">Iraq</a>.</p><figure class="figure"><img alt="" '
            f'data-file="{image.pk}"><figcaption>Port at dawn</figcaption></figure>'
        )
    with django_assert_num_queries(4):  # the three of a feed, and one for every figure in it
        feed = parse(client, reverse("articles:feed_atom"))
    for entry in feed.entries:
        content = entry.content[0].value
        assert f'<a href="{SITE}/regions/iraq/"' in content and "data-file" not in content
        [img] = re.findall(r"<img [^>]*>", content)
        assert f'src="{SITE}/images/' in img and 'alt="Cranes over the port"' in img


def test_a_region_s_feed_carries_the_stories_of_the_regions_inside_it(client, no_page_cache):
    """As the region's page does, which links to the feed: a region whose stories are all in its
    sub-regions has a feed, and a neighbouring region's stories are not in it."""
    ukraine = Region.objects.create(name="Україна")
    carpathia = Region.objects.create(name="Закарпаття", parent=ukraine)
    ArticleFactory(headline="Повінь у горах", regions=[carpathia])
    ArticleFactory(headline="Новини Польщі", regions=["Польща"])
    ArticleFactory(draft=True, headline="Чернетка", regions=[carpathia])
    for name in ("region_feed", "region_feed_atom"):
        feed = client.get(reverse(f"articles:{name}", kwargs={"slug": ukraine.slug}))
        xml = feed.content.decode()
        assert feed.status_code == 200 and "Повінь у горах" in xml
        assert "Новини Польщі" not in xml and "Чернетка" not in xml
    page = client.get(ukraine.get_absolute_url()).content.decode()
    assert reverse("articles:region_feed", kwargs={"slug": ukraine.slug}) in page
