import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import workflow
from articles.affected import affected_urls
from articles.models import Region
from tests.factories import ArticleFactory, AuthorFactory
from webhooks import delivery
from webhooks.models import Delivery, Endpoint, Event

from .receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


def endpoint(url, *events, kind=Endpoint.Kind.EVENTS):
    return Endpoint.objects.create(name="Partner", url=url, kind=kind, events=[str(e) for e in events or Event])


def test_a_delivery_is_signed_over_timestamp_and_body(receiver, editor, django_capture_on_commit_callbacks):
    hook = endpoint(receiver.url)
    article = ArticleFactory(draft=True, authors=[AuthorFactory(name="Lina Haddad")])
    delivery.check_publications()  # the first check only sets the mark
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article=article, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.check_publications(now=timezone.now() + timedelta(seconds=1))
    assert delivery.deliver_due() == 1
    [request] = receiver.received
    header = request["headers"]["Newsroom-Signature"]
    assert delivery.verify(hook.secret, request["body"], header)
    assert not delivery.verify("wrong-secret", request["body"], header)
    assert not delivery.verify(hook.secret, request["body"] + " ", header)
    payload = json.loads(request["body"])
    assert payload["event"] == "article.published" and request["headers"]["Newsroom-Event"] == "article.published"
    assert payload["data"]["article"]["slug"] == article.slug
    assert payload["data"]["article"]["authors"] == ["Lina Haddad"]
    logged = Delivery.objects.get()
    assert (logged.status, logged.response_code, logged.attempts) == ("succeeded", 200, 1)


def test_a_scheduled_article_reaching_its_time_is_announced_with_no_save(receiver, django_capture_on_commit_callbacks):
    endpoint(receiver.url, Event.ARTICLE_PUBLISHED)
    # The worker's clock runs from ten minutes ago, so the real now (what published() reads) has
    # passed every moment below: the window the check is given is what decides.
    start = timezone.now() - timedelta(minutes=10)
    delivery.check_publications(now=start)
    article = ArticleFactory(publish_at=start + timedelta(minutes=5))  # scheduled, as of `start`
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery.check_publications(now=start + timedelta(minutes=1)) == 0
    assert not Delivery.objects.exists()
    # Time passes; nothing is saved. The worker's next pass finds the article live.
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery.check_publications(now=start + timedelta(minutes=6)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery.check_publications(now=start + timedelta(minutes=7)) == 0  # announced once
    delivery.deliver_due()
    [request] = receiver.received
    assert json.loads(request["body"])["data"]["article"]["id"] == article.pk


def test_failed_deliveries_are_retried_with_backoff_then_given_up(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 10
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    with Receiver(answers=[500, 503, 200]) as receiver:
        endpoint(receiver.url, Event.AUTHOR_UPDATED)
        with Receiver(answers=[500, 500, 500]) as always_failing:
            endpoint(always_failing.url, Event.AUTHOR_UPDATED)
            from webhooks.events import emit

            emit(Event.AUTHOR_UPDATED, author_id=AuthorFactory().pk)
            start = timezone.now()
            assert delivery.deliver_due(now=start) == 2
            first = Delivery.objects.get(endpoint__url=receiver.url)
            assert (first.status, first.attempts, first.response_code) == ("pending", 1, 500)
            assert timedelta(seconds=9) < first.next_attempt_at - first.last_attempt_at <= timedelta(seconds=11)
            assert delivery.deliver_due(now=start + timedelta(seconds=5)) == 0  # not due yet
            assert delivery.deliver_due(now=start + timedelta(seconds=11)) == 2
            first.refresh_from_db()
            assert timedelta(seconds=19) < first.next_attempt_at - first.last_attempt_at <= timedelta(seconds=21)
            assert delivery.deliver_due(now=start + timedelta(seconds=40)) == 2
            assert [r["body"] for r in receiver.received] == [receiver.received[0]["body"]] * 3  # the same body
    statuses = dict(Delivery.objects.values_list("endpoint__url", "status"))
    assert statuses == {receiver.url: "succeeded", always_failing.url: "failed"}
    assert Delivery.objects.get(endpoint__url=always_failing.url).response_code == 500


def test_an_unreachable_endpoint_is_logged_and_retried():
    with Receiver() as gone:
        url = gone.url
    endpoint(url, Event.AUTHOR_UPDATED)
    from webhooks.events import emit

    emit(Event.AUTHOR_UPDATED, author_id=AuthorFactory().pk)
    delivery.deliver_due()
    logged = Delivery.objects.get()
    assert logged.status == "pending" and logged.response_code is None and logged.error


def test_events_for_updates_unpublishing_corrections_and_authors(editor, django_capture_on_commit_callbacks):
    endpoint("http://127.0.0.1:9/unused")
    draft = ArticleFactory(draft=True)
    live = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        draft.headline = "Edited draft"
        workflow.save_article(article=draft, by=editor)  # not public: nothing
        live.headline = "Edited"
        workflow.save_article(article=live, by=editor)
        workflow.add_correction(article=live, by=editor, kind="correction", note="A name was misspelt.")
        workflow.unpublish(article=live, by=editor)
        author = AuthorFactory()
        author.title = "Editor"
        author.save()
    events = list(Delivery.objects.order_by("pk").values_list("event", flat=True))
    assert events == [
        "article.updated",
        "article.corrected",
        "article.updated",
        "article.unpublished",
        "author.updated",
    ]


def test_the_purge_hook_lists_the_affected_urls(settings, django_capture_on_commit_callbacks, editor):
    settings.SITE_URL = "https://news.example.com"
    endpoint("http://127.0.0.1:9/purge", Event.ARTICLE_UPDATED, kind=Endpoint.Kind.PURGE)
    middle_east = Region.objects.create(name="Middle East")
    iraq = Region.objects.create(name="Iraq", parent=middle_east)
    author = AuthorFactory(name="Lina Haddad")
    article = ArticleFactory(slug="dam-opens", authors=[author], regions=[iraq], topics=["Energy"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save_article(article=article, by=editor)
    urls = json.loads(Delivery.objects.get().body)["purge"]["urls"]
    assert urls == affected_urls(article)
    site = "https://news.example.com"
    for path in [
        "/articles/dam-opens/",
        "/",
        "/feed/",
        "/regions/iraq/",
        "/regions/middle-east/",
        "/regions/middle-east/feed/",
        "/topics/energy/feed/atom/",
        "/authors/lina-haddad/",
        "/authors/lina-haddad/feed/",
    ]:
        assert site + path in urls, path


def test_run_worker_once(receiver, django_capture_on_commit_callbacks):
    endpoint(receiver.url, Event.AUTHOR_UPDATED)
    from webhooks.events import emit

    emit(Event.AUTHOR_UPDATED, author_id=AuthorFactory().pk)
    call_command("run_worker", "--once", verbosity=0)
    assert len(receiver.received) == 1 and Delivery.objects.get().status == "succeeded"


def test_administrators_register_endpoints_and_read_the_delivery_log(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True))
    response = client.post(
        "/admin/webhooks/endpoint/add/",
        {
            "name": "CDN",
            "url": "https://cdn.example.com/purge",
            "kind": "purge",
            "events": ["article.published", "article.updated"],
            "secret": "whsec_test",
            "is_active": "on",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    hook = Endpoint.objects.get()
    assert hook.events == ["article.published", "article.updated"] and hook.kind == "purge"
    Delivery.objects.create(endpoint=hook, event=Event.ARTICLE_UPDATED, body="{}", response_code=502)
    page = client.get("/admin/webhooks/delivery/").content.decode()
    assert "502" in page and "CDN" in page
