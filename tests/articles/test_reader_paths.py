"""Indexes, archives, related stories, the masthead menu, and the draft sweep over every new surface."""

import re
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Region, Topic
from tests.factories import ArticleFactory, AuthorFactory, UserFactory
from tests.reader_pages import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """A live article beside a draft, an in-review, a scheduled and a withdrawn twin, all sharing
    authors and tags; one more author and tag used only by the hidden ones."""
    shared = AuthorFactory(name="Shared Writer")
    hidden_author = AuthorFactory(name="Hidden Writer")
    tags = {"regions": ["Iraq"], "topics": ["Energy"]}
    with django_capture_on_commit_callbacks(execute=True):
        live = ArticleFactory(headline="Live zebra story", authors=[shared], **tags)
        hidden = {
            "draft": ArticleFactory(draft=True),
            "review": ArticleFactory(status=Article.Status.REVIEW, publish_at=None),
            "scheduled": ArticleFactory(scheduled=True),
            "withdrawn": ArticleFactory(),
        }
        for key, article in hidden.items():
            article.headline = f"Hidden zebra {key}"
            article.save()
            article.bylines.create(author=shared, position=0)
            article.bylines.create(author=hidden_author, position=1)
            article.regions.add("Iraq", "Hidden Region")
            article.topics.add("Energy", "Hidden Topic")
        editor = UserFactory(is_superuser=True)
        workflow.unpublish(article=hidden["withdrawn"], by=editor)
    hidden["withdrawn"].refresh_from_db()
    assert hidden["withdrawn"].status == Article.Status.WITHDRAWN
    return {"live": live, "hidden": hidden, "shared": shared, "hidden_author": hidden_author}


def surfaces(sweep):
    live = sweep["live"]
    year, month = live.publish_at.year, timezone.localtime(live.publish_at).month
    return [
        reverse("articles:home"),
        reverse("articles:search") + "?q=zebra",
        reverse("articles:feed"),
        reverse("articles:feed_atom"),
        reverse("articles:region_feed", kwargs={"slug": "iraq"}),
        reverse("articles:topic_feed_atom", kwargs={"slug": "energy"}),
        reverse("articles:author_feed", kwargs={"slug": sweep["shared"].slug}),
        reverse("articles:sitemap_section", kwargs={"section": "articles"}),
        reverse("articles:sitemap_section", kwargs={"section": "authors"}),
        reverse("articles:sitemap_section", kwargs={"section": "regions"}),
        reverse("articles:sitemap_section", kwargs={"section": "topics"}),
        reverse("articles:news_sitemap"),
        reverse("articles:archive_year", kwargs={"year": year}),
        reverse("articles:archive_month", kwargs={"year": year, "month": month}),
        reverse("articles:region_index"),
        reverse("articles:topic_index"),
        reverse("authors:index"),
        live.get_absolute_url(),
    ]


def test_draft_sweep_hidden_articles_never_reach_any_new_surface(client, sweep):
    for url in surfaces(sweep):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        for key, article in sweep["hidden"].items():
            assert article.headline not in content, (url, key)
            assert article.get_absolute_url() not in content, (url, key)
        assert "Hidden Region" not in content and "Hidden Topic" not in content, url
        assert "hidden-region" not in content and "Hidden Writer" not in content, url
    assert "Live zebra story" in client.get(reverse("articles:search") + "?q=zebra").content.decode()


def index_counts(client, url):
    """An index page's entries as readers see them: {name: number of stories}."""
    entries = [item for listing in page(client.get(url)).select("index-list") for item in listing.child_elements("li")]
    return {item.child_elements("a")[0].text: int(item.select("index-count")[0].own_text) for item in entries}


def test_draft_sweep_counts_only_public_work(client, sweep):
    regions = index_counts(client, reverse("articles:region_index"))
    topics = index_counts(client, reverse("articles:topic_index"))
    authors = index_counts(client, reverse("authors:index"))
    assert regions == {"Iraq": 1} and topics == {"Energy": 1} and authors == {"Shared Writer": 1}
    assert client.get(reverse("articles:region_feed", kwargs={"slug": "hidden-region"})).status_code == 404


def test_draft_sweep_related_lists_and_menu(client, sweep):
    other = ArticleFactory(headline="Another live piece", regions=["Iraq"])
    response = client.get(other.get_absolute_url())
    assert [headline.text for headline in page(response).select("related", "card-headline")] == ["Live zebra story"]
    html = client.get(reverse("articles:home")).content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert "Iraq" in nav and "Energy" in nav and "Hidden" not in nav


def test_indexes_list_names_from_the_whole_world_with_counts(client):
    ArticleFactory(regions=["Ирак", "العراق"], topics=["能源", "Energy 🔋"], authors=[AuthorFactory(name="李华")])
    ArticleFactory(regions=["Ирак"])
    html = client.get(reverse("articles:region_index")).content.decode()
    assert re.search(r">Ирак</a> <span class=\"index-count\">2", html)
    assert "العراق" in html
    assert "Energy 🔋" in client.get(reverse("articles:topic_index")).content.decode()
    assert "李华" in client.get(reverse("authors:index")).content.decode()


def at(year, month, day=15):
    return datetime(year, month, day, 12, tzinfo=UTC)


def test_archives_list_the_period_and_link_between_periods(client):
    jan = ArticleFactory(headline="January piece", publish_at=at(2024, 1))
    march = ArticleFactory(headline="March piece", publish_at=at(2024, 3))
    ArticleFactory(headline="Last year piece", publish_at=at(2023, 6))
    year = client.get(reverse("articles:archive_year", kwargs={"year": 2024}))
    assert {headline.text for headline in page(year).select("card-headline")} == {jan.headline, march.headline}
    html = year.content.decode()
    assert reverse("articles:archive_year", kwargs={"year": 2023}) in html
    assert reverse("articles:archive_month", kwargs={"year": 2024, "month": 3}) in html
    month = client.get(reverse("articles:archive_month", kwargs={"year": 2024, "month": 3})).content.decode()
    assert "March piece" in month and "January piece" not in month
    assert reverse("articles:archive_month", kwargs={"year": 2024, "month": 1}) in month  # previous period


@pytest.mark.parametrize(
    "path",
    ["/archive/0/", "/archive/99999/", "/archive/2024/13/", "/archive/2024/0/", "/archive/1999/", "/archive/9999/12/"],
)
def test_empty_or_impossible_archive_periods_are_404(client, path):
    ArticleFactory(publish_at=at(2024, 1))
    assert client.get(path).status_code == 404


def test_related_stories_share_tags_newest_first_without_itself_and_capped(client):
    article = ArticleFactory(regions=["Iraq"], topics=["Oil"])
    now = timezone.now()
    for n in range(6):
        ArticleFactory(headline=f"Related {n}", topics=["Oil"], publish_at=now - timedelta(days=n + 1))
    ArticleFactory(headline="Unrelated", topics=["Sport"])
    related = page(client.get(article.get_absolute_url())).select("related", "card-headline")
    assert [headline.text for headline in related] == ["Related 0", "Related 1", "Related 2", "Related 3"]


def test_masthead_menu_follows_the_editors_picks_in_order(client, django_capture_on_commit_callbacks):
    ArticleFactory(regions=["Iraq", "Syria", "Lebanon"], topics=["Energy", "Sport"])
    ArticleFactory(regions=["Atlantis"], topics=["Alchemy"], status=Article.Status.DRAFT)
    middle_east = Region.objects.create(name="Middle East")
    Region.objects.filter(name="Iraq").update(parent=middle_east)  # public only through Iraq
    Region.objects.get(name="Iraq").save()  # its path follows the new parent
    nav = lambda: re.search(r'<nav class="site-nav".*?</nav>', client.get("/").content.decode(), re.S).group(0)  # noqa: E731
    default = nav()
    # Nothing picked: the first three top-level regions and topics, alphabetically, that lead to
    # public work (a draft's tags never show).
    assert default.index("Lebanon") < default.index("Middle East") < default.index("Syria")
    assert default.index("Energy") < default.index("Sport")
    assert "Atlantis" not in default and "Alchemy" not in default and "Iraq" not in default
    Region.objects.filter(name="Syria").update(menu_position=1)
    Region.objects.filter(name="Iraq").update(menu_position=2)
    with django_capture_on_commit_callbacks(execute=True):  # committed: cached pages go stale too
        Topic.objects.get(name="Sport").save()  # any save forgets the cached menu
    picked = nav()
    assert picked.index("Syria") < picked.index("Iraq") and "Lebanon" not in picked


def test_the_default_menu_skips_tags_without_public_work_and_ignores_case(client):
    """The first three topics by name that lead somewhere public, whatever their case; the
    query stops asking once it has them (articles/navigation.py)."""
    ArticleFactory(topics=["Zürich 🏦", "Ökonomie", "Экономика"])
    ArticleFactory(topics=["aid", "Banks", "cities", "Drought"], regions=["Ниневия"])
    ArticleFactory(topics=["Agriculture", "Aardvarks"], status=Article.Status.DRAFT)  # first by name, not public
    nav = re.search(r'<nav class="site-nav".*?</nav>', client.get("/").content.decode(), re.S).group(0)
    shown = re.findall(r'href="/topics/[^"]*/"[^>]*>([^<]+)</a>', nav)
    assert shown == ["aid", "Banks", "cities"]
    assert "Ниневия" in nav


def test_feeds_parse_for_the_sweep(client, sweep):
    feed = feedparser.parse(client.get(reverse("articles:feed")).content)
    assert [e.title for e in feed.entries] == ["Live zebra story"]


def test_every_card_shows_its_time_with_the_offset_on_every_database(client, settings):
    """Cards built from written-out SQL (related stories, rails, the front page) get the ORM's
    conversions: SQLite hands back naive datetimes, which would print without their offset."""
    settings.TIME_ZONE = "Asia/Kolkata"
    article = ArticleFactory(regions=["Iraq"], topics=["Oil"])
    related = ArticleFactory(headline="Related story", topics=["Oil"], publish_at=timezone.now() - timedelta(days=1))
    expected = f'datetime="{timezone.localtime(related.publish_at).isoformat()}"'
    assert expected.endswith('+05:30"')
    assert expected in client.get(article.get_absolute_url()).content.decode()
    assert expected in client.get(reverse("articles:home")).content.decode()
