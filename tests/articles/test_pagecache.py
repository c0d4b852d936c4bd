"""The anonymous page cache: hits cost no query, and it is never stale and never early."""

import re
import time
from datetime import timedelta

import pytest
from django.conf import settings as settings_module
from django.test import Client
from django.utils import timezone

from articles import workflow
from articles.models import Article, Region
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed, so after-commit refreshes happen."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def story(committed):
    author = AuthorFactory(name="Lina Haddad")
    return committed(ArticleFactory, headline="Dam talks", authors=[author], regions=["Iraq"], topics=["Water"])


def test_a_second_anonymous_request_is_served_from_the_cache_with_no_query(client, story, django_assert_num_queries):
    first = client.get(story.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(story.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    for header in ["Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "X-Content-Type-Options"]:
        assert second.has_header(header), header


def test_cache_headers_and_conditional_get(client, story):
    response = client.get("/")
    cache_control = response["Cache-Control"]
    assert re.search(r"public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+", cache_control)
    assert response.has_header("Last-Modified") and "Cookie" not in response.get("Vary", "")
    again = client.get("/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize(
    "change",
    [
        "headline",
        "author name",
        "author bio",
        "new byline",
        "region renamed",
        "topic added",
        "correction",
        "unpublished",
        "new article",
    ],
)
def test_every_change_readers_could_see_shows_at_once_on_every_page(client, committed, editor, story, change):
    author = story.byline_authors[0]
    region = story.regions.get()
    pages = ["/", story.get_absolute_url(), author.get_absolute_url(), region.get_absolute_url()]
    for page in pages:
        client.get(page)  # cached
    match change:
        case "headline":
            story.headline = "Dam talks collapse"
            committed(workflow.save_article, article=story, by=editor)
            expected, where = "Dam talks collapse", pages
        case "author name":
            author.name = "Lina Haddad-Ruiz"
            committed(author.save)
            expected, where = "Lina Haddad-Ruiz", pages
        case "author bio":
            author.bio = "<p>Covers the Tigris basin.</p>"
            committed(author.save)
            expected, where = "Covers the Tigris basin.", [story.get_absolute_url(), author.get_absolute_url()]
        case "new byline":
            second = AuthorFactory(name="Omar Saleh")
            committed(story.bylines.create, author=second, position=1)
            expected, where = "Omar Saleh", pages
        case "region renamed":
            region.name = "Republic of Iraq"
            committed(region.save)
            expected, where = "Republic of Iraq", [story.get_absolute_url(), region.get_absolute_url()]
        case "topic added":
            committed(story.topics.add, "Agriculture")
            expected, where = "Agriculture", [story.get_absolute_url()]
        case "correction":
            committed(workflow.add_correction, article=story, by=editor, kind="correction", note="The dam is 40m high.")
            expected, where = "The dam is 40m high.", [story.get_absolute_url()]
        case "unpublished":
            committed(workflow.unpublish, article=story, by=editor)
            assert client.get(story.get_absolute_url()).status_code == 404
            assert "Dam talks" not in client.get("/").content.decode()
            return
        case "new article":
            committed(ArticleFactory, headline="Fresh from the wire", regions=["Iraq"], authors=[author])
            expected, where = "Fresh from the wire", ["/", author.get_absolute_url(), region.get_absolute_url()]
    for page in where:
        assert expected in client.get(page).content.decode(), page


def test_work_in_progress_does_not_empty_the_cache(client, committed, editor, story):
    client.get("/")
    draft = committed(ArticleFactory, draft=True, headline="Not yet")
    committed(draft.topics.add, "Water")
    draft.headline = "Still not yet"
    committed(workflow.save_article, article=draft, by=editor)
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_a_scheduled_article_appears_at_its_second(client, committed, editor):
    ArticleFactory(headline="Already live")
    goes_live = timezone.now() + timedelta(seconds=2)
    scheduled = committed(ArticleFactory, draft=True, headline="Scheduled story")
    committed(workflow.publish, article=scheduled, by=editor, at=goes_live)
    home = client.get("/")
    assert "Scheduled story" not in home.content.decode()
    assert int(re.search(r"s-maxage=(\d+)", home["Cache-Control"]).group(1)) <= 2  # no CDN keeps it longer
    assert client.get("/")["X-Page-Cache"] == "hit"
    time.sleep(max(0, (goes_live - timezone.now()).total_seconds()) + 0.05)
    assert "Scheduled story" in client.get("/").content.decode()
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_staff_previews_and_share_links_are_never_cached(client, committed, editor, story):
    staff = Client()
    staff.force_login(editor)
    response = staff.get("/")
    assert "X-Page-Cache" not in response and "private" in response["Cache-Control"]
    draft = ArticleFactory(draft=True, headline="Shared draft")
    link = workflow.create_share_link(article=draft, by=editor, expires_at=timezone.now() + timedelta(hours=1))
    for _ in range(2):
        shared = client.get(link.get_absolute_url())
        assert "X-Page-Cache" not in shared and "no-store" in shared["Cache-Control"]
    for _ in range(2):
        assert "X-Page-Cache" not in client.post("/", {})


def test_the_host_header_cannot_poison_the_cache(client, settings, story):
    settings.ALLOWED_HOSTS = ["evil.example.org", "testserver"]
    settings.SITE_URL = "https://news.example.com"
    client.get(story.get_absolute_url(), HTTP_HOST="evil.example.org")
    response = client.get(story.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    html = response.content.decode()
    assert "evil.example.org" not in html and "https://news.example.com/articles/" in html
    assert client.get(story.get_absolute_url(), HTTP_HOST="not-allowed.example").status_code == 400


def test_a_cached_404_for_a_future_address_does_not_outlive_publication(client, committed, editor):
    article = committed(ArticleFactory, draft=True, headline="Coming soon")
    assert client.get(article.get_absolute_url()).status_code == 404
    committed(workflow.publish, article=article, by=editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert Region.objects.count() == 0 and Article.objects.published().count() == 1


def test_a_change_committed_by_another_server_process_empties_this_ones_pages(client, settings, story):
    """gunicorn runs several worker processes; with a local-memory cache each keeps its own pages."""
    import os
    import subprocess
    import sys

    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
           "PAGE_CACHE_GENERATION_FILE": settings.PAGE_CACHE_GENERATION_FILE}  # fmt: skip
    script = "import django; django.setup(); from articles.pagecache import content_changed; content_changed()"
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    assert client.get("/")["X-Page-Cache"] == "miss"


@pytest.mark.skipif(
    not settings_module.CACHES["default"]["BACKEND"].endswith("RedisCache"), reason="counts Redis commands"
)
def test_a_hit_is_one_round_trip_to_redis(client, story, monkeypatch):
    """Generation, page and next scheduled change are read with one MGET: a hit's cost is one
    round trip, whatever the page. Counted on this process's Redis client: the server's own
    command statistics also count the other test workers sharing it."""
    import redis

    client.get(story.get_absolute_url())
    sent = []
    execute_command = redis.Redis.execute_command

    def counting(self, *args, **options):
        sent.append(str(args[0]).upper())
        return execute_command(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    response = client.get(story.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert sent == ["MGET"]


def test_a_hit_carries_the_headers_the_whole_stack_gave_the_page(client, story):
    """The page cache answers before the security middleware: a hit replays what it added."""
    miss = client.get(story.get_absolute_url())
    hit = client.get(story.get_absolute_url())
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for header in ["Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "X-Content-Type-Options",
                   "Referrer-Policy", "Cross-Origin-Opener-Policy", "Content-Type", "Surrogate-Key"]:  # fmt: skip
        assert hit[header] == miss[header], header
    assert "Set-Cookie" not in hit and not hit.cookies


def test_an_http_request_meets_the_https_redirect_not_a_page_stored_for_https(client, settings, story):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(story.get_absolute_url(), secure=True).status_code == 200
    assert client.get(story.get_absolute_url(), secure=True)["X-Page-Cache"] == "hit"
    plain = client.get(story.get_absolute_url())
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


def test_static_files_never_reach_the_page_cache(client):
    assert "X-Page-Cache" not in client.get("/static/css/site.css")
