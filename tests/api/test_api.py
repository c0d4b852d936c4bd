import re

import pytest
from django.contrib.admin.sites import site
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.utils import timezone

from api.models import APIKey
from articles.models import Article, Region
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return _tree()


def _tree():
    middle_east = Region.objects.create(name="Middle East")
    iraq = Region.objects.filter(name="Iraq").first() or Region(name="Iraq")  # the twins may have made it
    iraq.parent = middle_east
    iraq.save()
    fallujah = Region.objects.create(name="Fallujah", parent=iraq)
    return middle_east, iraq, fallujah


@pytest.fixture
def hidden(twin_articles):
    """The live twin, plus draft, scheduled and withdrawn twins sharing its authors, tags and kind."""
    live = twin_articles["live"]
    withdrawn = ArticleFactory(headline="Withdrawn story", authors=[twin_articles["author"]], regions=["Iraq"])
    withdrawn.topics.add("Energy")
    withdrawn.status = Article.Status.WITHDRAWN
    withdrawn.save()
    return live, [twin_articles["draft"], twin_articles["scheduled"], withdrawn]


def results(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_articles_show_published_work_with_bylines_in_order_and_absolute_urls(client, settings, tree):
    settings.SITE_URL = "https://news.example.com"
    first, second = AuthorFactory(name="Zed Last"), AuthorFactory(name="Amy First")
    article = ArticleFactory(headline="Dam opens", authors=[first, second], lead_image=ImageFactory())
    article.regions.add(tree[2])
    article.topics.add("Energy")
    [item] = results(client, "/api/v1/articles/")
    assert item["headline"] == "Dam opens" and item["kind"] == "news"
    assert item["url"] == f"https://news.example.com/articles/{article.slug}/"
    assert [a["name"] for a in item["authors"]] == ["Zed Last", "Amy First"]
    assert item["byline"] == "Zed Last and Amy First"
    assert [(r["name"], r["depth"]) for r in item["regions"]] == [("Fallujah", 2)]
    assert item["regions"][0]["ancestors"] == [tree[0].pk, tree[1].pk]
    assert [t["name"] for t in item["topics"]] == ["Energy"]
    assert item["body"] == "<p>First paragraph.</p><p>Second paragraph.</p>"
    renditions = item["lead_image"]["renditions"]
    assert set(renditions) == {"original", "16:9", "4:3", "1:1"}
    assert renditions["16:9"]["webp"][0]["url"].startswith("https://news.example.com/images/")
    detail = client.get(f"/api/v1/articles/{article.slug}/").json()
    assert detail["id"] == article.pk


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"region": "iraq"},
        {"topic": "energy"},
        {"author": "lina-haddad"},
        {"kind": "news"},
        {"updated_since": "2000-01-01T00:00:00Z"},
        {"region": "iraq", "topic": "energy", "author": "lina-haddad"},
    ],
)
def test_drafts_scheduled_and_withdrawn_never_appear_by_any_filter(client, hidden, params):
    live = hidden[0]
    assert [item["id"] for item in results(client, "/api/v1/articles/", **params)] == [live.pk]


def test_drafts_scheduled_and_withdrawn_are_a_json_404_by_address(client, hidden):
    for article in hidden[1]:
        response = client.get(f"/api/v1/articles/{article.slug}/")
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "No Article matches the given query."}


def test_authors_regions_and_topics_only_with_public_work(client, hidden):
    ArticleFactory(draft=True, authors=[AuthorFactory(name="Only Drafts")], regions=["Secret Place"], topics=["Hush"])
    assert [a["name"] for a in results(client, "/api/v1/authors/")] == ["Lina Haddad"]
    assert [t["name"] for t in results(client, "/api/v1/topics/")] == ["Energy"]
    *_, fallujah = _tree()
    live = hidden[0]
    live.regions.set([fallujah])
    names = {r["name"]: r for r in results(client, "/api/v1/regions/")}
    assert set(names) == {"Middle East", "Iraq", "Fallujah"}  # the tree around public work
    assert names["Fallujah"]["parent"] == fallujah.parent_id and names["Middle East"]["parent"] is None


def test_region_filter_includes_the_regions_inside(client, tree):
    inside = ArticleFactory(regions=[tree[2]])
    ArticleFactory(regions=["Elsewhere"])
    assert [item["id"] for item in results(client, "/api/v1/articles/", region="middle-east")] == [inside.pk]
    assert results(client, "/api/v1/articles/", region="no-such-region") == []


def test_updated_since_and_kind_filters(client):
    old = ArticleFactory(kind=Article.Kind.OPINION)
    Article.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timezone.timedelta(days=3))
    new = ArticleFactory()
    since = (timezone.now() - timezone.timedelta(days=1)).isoformat()
    assert [item["id"] for item in results(client, "/api/v1/articles/", updated_since=since)] == [new.pk]
    assert [item["id"] for item in results(client, "/api/v1/articles/", kind="opinion")] == [old.pk]


def test_cursor_pagination_walks_every_article_once(client):
    made = [ArticleFactory(publish_at=timezone.now() - timezone.timedelta(hours=n)) for n in range(1, 6)]
    seen, url = [], "/api/v1/articles/?page_size=2"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]
    assert seen == [a.pk for a in made]


@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/authors/", "/api/v1/regions/", "/api/v1/topics/"])
def test_query_counts_do_not_grow_with_the_page(client, url):
    def make(n):
        for _ in range(n):
            ArticleFactory(
                authors=[AuthorFactory(photo=ImageFactory()), AuthorFactory()],
                regions=[f"Region {Article.objects.count()}"],
                topics=[f"Topic {Article.objects.count()}"],
                lead_image=ImageFactory(),
            )

    make(2)
    small = _count(client, url)
    make(6)
    assert _count(client, url) == small
    expected = {"/api/v1/articles/": 3, "/api/v1/authors/": 1, "/api/v1/regions/": 2, "/api/v1/topics/": 1}
    assert small == expected[url]


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_etag_and_304(client):
    ArticleFactory()
    first = client.get("/api/v1/articles/")
    etag = first["ETag"]
    again = client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    ArticleFactory()
    assert client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_errors_are_json(client):
    for url, code in [("/api/v1/nothing-here/", 404), ("/api/v2/", 404), ("/api/v1/articles/?kind=bogus", 400)]:
        response = client.get(url)
        assert response.status_code == code, url
        assert response["Content-Type"] == "application/json" and response.json()
    assert client.post("/api/v1/articles/").status_code == 405
    response = client.get("/api/v1/articles/", HTTP_AUTHORIZATION="Api-Key nr_wrong")
    assert response.status_code == 401 and response.json() == {"detail": "Unknown or revoked API key."}


def test_an_unexpected_error_is_a_json_500(client, monkeypatch):
    from api import views

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.TopicViewSet, "get_queryset", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/topics/")
    assert response.status_code == 500 and response.json() == {"detail": "Server error."}


def test_anonymous_reads_are_throttled_and_a_key_lifts_the_limit(client, settings):
    settings.API_ANON_RATE = "2/min"
    assert [client.get("/api/v1/topics/").status_code for _ in range(3)] == [200, 200, 429]
    assert "detail" in client.get("/api/v1/topics/").json()
    assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429  # not spoofable
    key = APIKey(name="App")
    raw = key.set_new_key()
    key.save()
    for _ in range(4):
        assert client.get("/api/v1/topics/", HTTP_AUTHORIZATION=f"Api-Key {raw}").status_code == 200
    key.is_active = False
    key.save()
    assert client.get("/api/v1/topics/", HTTP_AUTHORIZATION=f"Api-Key {raw}").status_code == 401


def test_admin_shows_a_new_key_once_and_stores_its_hash(client):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    response = client.post("/admin/api/apikey/add/", {"name": "iOS app", "is_active": "on"}, follow=True)
    raw = re.search(r"nr_[\w-]+", response.content.decode()).group(0)
    key = APIKey.objects.get()
    assert key.hashed_key == APIKey.hash(raw) and raw not in str(vars(key))
    assert raw not in client.get(f"/admin/api/apikey/{key.pk}/change/").content.decode()
    assert APIKey in site._registry


def test_cors_origins_come_from_settings(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    response = client.get("/api/v1/topics/", HTTP_ORIGIN="https://app.example.com")
    assert response["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/topics/", HTTP_ORIGIN="https://evil.example")


def test_the_page_cache_leaves_the_api_alone(client):
    response = client.get("/api/v1/topics/")
    assert "X-Page-Cache" not in response


def test_schema_is_valid_openapi(client):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200 and b"/api/v1/articles/" in response.content


def test_docs_run_under_the_content_security_policy(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    page = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    for attrs, _ in scripts:
        src = re.search(r'src="([^"]+)"', attrs).group(1).replace("&amp;", "&")
        assert src.startswith("/"), src  # this site, never a CDN
        if src.startswith("/static/"):
            assert finders.find(src.removeprefix("/static/").split("?")[0]), src
        else:
            script = client.get(src)
            assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
