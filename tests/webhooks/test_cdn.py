"""CDN purge deliveries: exactly the affected URLs and cache tags, in Newsroom's JSON or a CDN's API format."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles import workflow
from articles.models import Region, Topic
from tests.factories import ArticleFactory, AuthorFactory, UserFactory
from webhooks import cdn, events
from webhooks.events import emit
from webhooks.models import Delivery, Endpoint, Event

from .conftest import work_off_queue
from .receiver import Receiver

pytestmark = pytest.mark.django_db
SITE = "https://news.example.com"
ZONE = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def story(settings):
    settings.SITE_URL = SITE
    middle_east = Region.objects.create(name="Middle East")
    iraq = Region.objects.create(name="Iraq", parent=middle_east)
    lina = AuthorFactory(name="Lina Haddad")
    article = ArticleFactory(
        slug="dam-opens",
        authors=[lina],
        regions=[iraq],
        topics=["Energy"],
        publish_at=timezone.now() - timedelta(hours=1),
    )
    return article, lina, iraq, middle_east, Topic.objects.get(name="Energy")


def purge_endpoint(url="http://127.0.0.1:9/purge", kind=Endpoint.Kind.PURGE, secret="s3cret"):
    return Endpoint.objects.create(name="CDN", url=url, kind=kind, events=[str(e) for e in Event], secret=secret)


def expected(story):
    article, lina, iraq, middle_east, energy = story
    when = article.publish_at
    month = f"{when.year}/{when.month}"
    paths = ["/articles/dam-opens/", "/", "/feed/", "/feed/atom/"]
    for listing in ["/regions/iraq/", "/regions/middle-east/", "/topics/energy/", "/authors/lina-haddad/"]:
        paths += [listing, listing + "feed/", listing + "feed/atom/"]
    paths += [f"/archive/{when.year}/", f"/archive/{month}/"]
    tags = [
        f"article-{article.pk}",
        "home",
        "feed",
        f"region-{iraq.pk}",
        f"region-{middle_east.pk}",
        f"topic-{energy.pk}",
        f"author-{lina.pk}",
        f"archive-{when.year}",
        f"archive-{when.year}-{when.month:02d}",
    ]
    return sorted(SITE + path for path in paths), tags


def test_a_correction_emits_one_purge_with_exactly_the_affected_urls_and_tags(
    story, editor, django_capture_on_commit_callbacks
):
    purge_endpoint()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_correction(article=story[0], by=editor, kind="correction", note="The dam is 40 m high.")
    # The correction and the article's own save ("modified") are two events but one purge.
    [payload] = [json.loads(d.body) for d in Delivery.objects.all()]
    assert payload["event"] == "article.corrected"
    corrected = payload["purge"]
    urls, tags = expected(story)
    assert sorted(corrected["urls"]) == urls and len(corrected["urls"]) == len(urls)
    assert corrected["tags"] == tags


def test_publishing_emits_one_purge_naming_the_new_article_and_every_listing(
    story, editor, django_capture_on_commit_callbacks
):
    article = story[0]
    article.status, article.publish_at = "draft", None
    article.save()
    purge_endpoint()
    events.check_publications()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article=article, by=editor)
        events.check_publications(now=timezone.now() + timedelta(seconds=1))
    [published] = Delivery.objects.all()
    payload = json.loads(published.body)
    article.refresh_from_db()
    assert payload["event"] == "article.published"
    assert sorted(payload["purge"]["urls"]) == expected(story)[0]
    assert payload["purge"]["tags"] == expected(story)[1]


def test_an_author_update_purges_the_author_tag_which_every_page_with_their_byline_carries(story):
    purge_endpoint()
    lina = story[1]
    emit(Event.AUTHOR_UPDATED, author_id=lina.pk)
    payload = json.loads(Delivery.objects.get().body)
    assert payload["purge"] == {"urls": [f"{SITE}/authors/lina-haddad/"], "tags": [f"author-{lina.pk}"]}
    assert f"author-{lina.pk}" in Client().get(story[0].get_absolute_url())["Surrogate-Key"].split()


def test_cloudflare_format_files_then_tags_at_most_30_each_with_a_bearer_token():
    urls = [f"{SITE}/page/{n}/" for n in range(31)]
    tags = [f"article-{n}" for n in range(3)]
    bodies = [json.loads(body) for body in cdn.purge_bodies("cloudflare", {"id": "x"}, urls, tags)]
    assert bodies == [{"files": urls[:30]}, {"files": urls[30:]}, {"tags": tags}]
    endpoint = Endpoint(kind="cloudflare", secret="cf-token")
    assert cdn.request_headers(endpoint, json.dumps(bodies[0])) == {"Authorization": "Bearer cf-token"}


def test_fastly_format_sends_surrogate_keys_in_the_header_and_body():
    [body] = cdn.purge_bodies("fastly", {"id": "x"}, [f"{SITE}/"], ["article-1", "home"])
    assert json.loads(body) == {"surrogate_keys": ["article-1", "home"]}
    headers = cdn.request_headers(Endpoint(kind="fastly", secret="fastly-token"), body)
    assert headers == {"Fastly-Key": "fastly-token", "Surrogate-Key": "article-1 home"}


def test_a_cloudflare_endpoint_receives_its_api_calls_over_http(story, django_capture_on_commit_callbacks, editor):
    with Receiver() as receiver:
        purge_endpoint(url=receiver.url, kind=Endpoint.Kind.CLOUDFLARE, secret="cf-token")
        with django_capture_on_commit_callbacks(execute=True):
            workflow.save_article(article=story[0], by=editor)
        assert work_off_queue() == 2  # 26 files, then 9 tags
        files, tags = (json.loads(request["body"]) for request in receiver.received)
    assert sorted(files["files"]) == expected(story)[0] and tags == {"tags": expected(story)[1]}
    assert all(r["headers"]["Authorization"] == "Bearer cf-token" for r in receiver.received)


def test_the_admin_refuses_a_cdn_endpoint_with_the_wrong_address():
    admin = UserFactory(username="root", is_superuser=True)
    client = Client()
    client.force_login(admin)
    form = {"name": "CF", "kind": "cloudflare", "events": ["article.updated"], "secret": "t", "is_active": "on"}
    form |= {"deliveries-TOTAL_FORMS": "0", "deliveries-INITIAL_FORMS": "0"}
    response = client.post("/admin/webhooks/endpoint/add/", {**form, "url": "https://example.com/purge"})
    assert response.status_code == 200 and "purge_cache" in response.content.decode()
    assert not Endpoint.objects.exists()
    url = f"https://api.cloudflare.com/client/v4/zones/{ZONE}/purge_cache"
    response = client.post("/admin/webhooks/endpoint/add/", {**form, "url": url})
    assert response.status_code == 302 and Endpoint.objects.get().kind == "cloudflare"
