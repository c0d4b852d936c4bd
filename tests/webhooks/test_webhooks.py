"""Webhooks end to end: real deliveries to a local HTTP receiver, sent by the real django-tasks
database worker run in this process until nothing is due."""

import json
import logging
import os
import signal
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import workflow
from articles.affected import affected_urls
from articles.models import Region
from newsroom.logging import request_id_of
from tests.factories import ArticleFactory, AuthorFactory
from webhooks import delivery, events
from webhooks.events import emit
from webhooks.models import Delivery, Endpoint, Event, PublicationCheck
from webhooks.worker import Worker

from .conftest import work_off_queue
from .receiver import Receiver

pytestmark = pytest.mark.django_db


def waiting_tasks():
    """Queued attempts that are not due yet (a retry's ``run_after`` in the future)."""
    return DBTaskResult.objects.filter(status="READY", run_after__gt=timezone.now())


def let_retry_time_pass():
    """What waiting does: the queued retries become due."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


def endpoint(url, *events, kind=Endpoint.Kind.EVENTS):
    return Endpoint.objects.create(name="Partner", url=url, kind=kind, events=[str(e) for e in events or Event])


def test_a_delivery_is_signed_over_timestamp_and_body(receiver, editor, django_capture_on_commit_callbacks):
    hook = endpoint(receiver.url)
    article = ArticleFactory(draft=True, authors=[AuthorFactory(name="Lina Haddad")])
    events.check_publications()  # the first check only sets the mark
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article=article, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        events.check_publications(now=timezone.now() + timedelta(seconds=1))
    assert work_off_queue() == 1
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
    events.check_publications(now=start)
    article = ArticleFactory(publish_at=start + timedelta(minutes=5))  # scheduled, as of `start`
    with django_capture_on_commit_callbacks(execute=True):
        assert events.check_publications(now=start + timedelta(minutes=1)) == 0
    assert not Delivery.objects.exists()
    # Time passes; nothing is saved. The worker's next pass finds the article live.
    with django_capture_on_commit_callbacks(execute=True):
        assert events.check_publications(now=start + timedelta(minutes=6)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert events.check_publications(now=start + timedelta(minutes=7)) == 0  # announced once
    assert work_off_queue() == 1
    [request] = receiver.received
    assert json.loads(request["body"])["data"]["article"]["id"] == article.pk


def test_failed_deliveries_are_retried_with_backoff_then_given_up(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 10
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    with Receiver(answers=[500, 503, 200]) as receiver, Receiver(answers=[500, 500, 500]) as always_failing:
        endpoint(receiver.url, Event.AUTHOR_UPDATED)
        endpoint(always_failing.url, Event.AUTHOR_UPDATED)
        emit(Event.AUTHOR_UPDATED, author_id=AuthorFactory().pk)
        assert work_off_queue() == 2
        first = Delivery.objects.get(endpoint__url=receiver.url)
        assert (first.status, first.attempts, first.response_code, first.error) == ("pending", 1, 500, "HTTP 500")
        assert timedelta(seconds=9) < first.next_attempt_at - first.last_attempt_at <= timedelta(seconds=11)
        # The retry is a task queued for exactly that moment; until then the worker has nothing to do.
        assert first.next_attempt_at in set(waiting_tasks().values_list("run_after", flat=True))
        assert waiting_tasks().count() == 2
        assert work_off_queue() == 0

        let_retry_time_pass()
        assert work_off_queue() == 2
        first.refresh_from_db()
        assert (first.attempts, first.response_code) == (2, 503)
        assert timedelta(seconds=19) < first.next_attempt_at - first.last_attempt_at <= timedelta(seconds=21)

        let_retry_time_pass()
        assert work_off_queue() == 2
        assert [r["body"] for r in receiver.received] == [receiver.received[0]["body"]] * 3  # the same body
    delivered = Delivery.objects.get(endpoint__url=receiver.url)
    assert (delivered.status, delivered.attempts, delivered.response_code, delivered.error) == ("succeeded", 3, 200, "")
    given_up = Delivery.objects.get(endpoint__url=always_failing.url)
    assert (given_up.status, given_up.attempts, given_up.response_code) == ("failed", 3, 500)
    assert delivered.next_attempt_at is None and given_up.next_attempt_at is None
    assert not DBTaskResult.objects.filter(status="READY").exists()  # nothing more is queued
    assert len(always_failing.received) == 3


def test_an_unreachable_endpoint_is_logged_and_retried():
    with Receiver() as gone:
        url = gone.url
    endpoint(url, Event.AUTHOR_UPDATED)
    emit(Event.AUTHOR_UPDATED, author_id=AuthorFactory().pk)
    assert work_off_queue() == 1
    logged = Delivery.objects.get()
    assert logged.status == "pending" and logged.response_code is None and logged.error
    assert logged.attempts == 1 and waiting_tasks().count() == 1


def test_a_stale_or_duplicate_task_sends_nothing(receiver):
    endpoint(receiver.url, Event.AUTHOR_UPDATED)
    [queued] = emit(Event.AUTHOR_UPDATED, author_id=AuthorFactory().pk)
    delivery.enqueue(queued)  # the same first attempt queued twice
    assert work_off_queue() == 2
    assert len(receiver.received) == 1 and Delivery.objects.get().attempts == 1


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
    assert DBTaskResult.objects.filter(status="READY").count() == 5  # each one's first attempt is queued


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


@pytest.mark.django_db(transaction=True)  # real commits: the worker's own on-commit hooks run as in production
def test_one_worker_pass_announces_a_scheduled_article_and_delivers_it(receiver):
    endpoint(receiver.url, Event.ARTICLE_PUBLISHED)
    PublicationCheck.objects.create(checked_until=timezone.now() - timedelta(minutes=10))
    article = ArticleFactory(publish_at=timezone.now() - timedelta(minutes=5))  # went live; nobody saved it
    call_command("run_worker", "--once", verbosity=0)
    [request] = receiver.received
    assert json.loads(request["body"])["data"]["article"]["id"] == article.pk
    assert Delivery.objects.get().status == "succeeded"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_the_worker_stops_cleanly_on_sigterm():
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT)}
    worker = Worker(interval=0.05)
    worker.configure_signals()
    check = worker.check_publications

    def check_then_stop():  # SIGTERM once it has checked at least once, however slow the machine
        check()
        if not timer.is_alive() and not timer.finished.is_set():
            timer.start()

    worker.check_publications = check_then_stop
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM))
    # Stopped while asleep it exits at once; stopped during a check or a task it finishes that and
    # returns (the command then ends with 0). Which one depends on when the signal lands.
    code = 0
    try:
        worker.run_forever()
    except SystemExit as stopped:
        code = stopped.code
    finally:
        timer.cancel()
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    assert code == 0 and not worker.running
    assert PublicationCheck.objects.exists()  # it had been checking publications meanwhile


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
    Delivery.objects.create(
        endpoint=hook, event=Event.ARTICLE_UPDATED, body="{}", attempts=2, response_code=502, error="HTTP 502"
    )
    page = client.get("/admin/webhooks/delivery/").content.decode()
    assert "502" in page and "CDN" in page and "Pending" in page
    logged = Delivery.objects.get()
    detail = client.get(f"/admin/webhooks/delivery/{logged.pk}/change/").content.decode()
    assert "HTTP 502" in detail and "Next attempt at" in detail


def test_a_delivery_job_logs_the_id_of_the_request_that_caused_it(client, caplog, django_capture_on_commit_callbacks):
    from tests.factories import UserFactory

    author = AuthorFactory(name="Noor Saleh")
    client.force_login(UserFactory(is_superuser=True))
    form = {"name": "Noor Saleh", "slug": author.slug, "title": "Bureau chief", "bio": "<p>Bio.</p>"}
    form |= {"is_active": "on", "version": str(author.version), "photo": ""}
    form |= dict.fromkeys(["website", "twitter", "mastodon", "linkedin", "user"], "")
    with Receiver(answers=[503]) as receiver:
        endpoint(receiver.url, Event.AUTHOR_UPDATED)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/admin/authors/author/{author.pk}/change/", form, HTTP_X_REQUEST_ID="edit-42")
        assert response.status_code == 302, response.content
        assert Delivery.objects.get().request_id == "edit-42"
        with caplog.at_level(logging.INFO):
            assert work_off_queue() == 1
            let_retry_time_pass()
            assert work_off_queue() == 1  # the retry too
    assert [r["headers"]["Newsroom-Event"] for r in receiver.received] == ["author.updated"] * 2
    job_lines = [r for r in caplog.records if r.name.startswith(("webhooks", "django_tasks"))]
    assert {r.name for r in job_lines} == {"webhooks.delivery", "django_tasks"}  # ours and the library's
    assert len(job_lines) >= 6 and {request_id_of(r) for r in job_lines} == {"edit-42"}


def test_a_delivery_whose_task_was_lost_is_queued_again_and_sent(receiver):
    hook = endpoint(receiver.url, Event.AUTHOR_UPDATED)
    # A worker killed mid-send (or a row from before the task queue): pending, overdue, no task.
    lost = Delivery.objects.create(
        endpoint=hook, event=Event.AUTHOR_UPDATED, body="{}", next_attempt_at=timezone.now() - timedelta(hours=1)
    )
    recent = Delivery.objects.create(endpoint=hook, event=Event.AUTHOR_UPDATED, body="{}")
    Worker().run_forever(once=True)  # this pass notices it; the next sends it
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # the recent one is left alone
    Worker().run_forever(once=True)
    lost.refresh_from_db()
    recent.refresh_from_db()
    assert (lost.status, lost.attempts, recent.status, recent.attempts) == ("succeeded", 1, "pending", 0)
    assert len(receiver.received) == 1
