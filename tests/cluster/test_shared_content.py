"""What one instance writes, the other serves at once: images from the bucket, published and
corrected articles through the shared page cache, scheduled articles at their second, and one
CDN purge per change however many instances there are."""

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from tests.cluster.browser import assert_saved
from tests.cluster.conftest import FIGURES, cluster_script
from tests.cluster.newsroom_admin import add_correction, edit_article, upload_image, write_article

pytestmark = pytest.mark.cluster
PURGE_RECEIVER_PORT = cluster_script.BASE_PORT + 10


def cached_twice(visitor, path):
    """Read ``path`` until the instance answers from the page cache (what a reader would get)."""
    first, second = visitor.get(path), visitor.get(path)
    assert second.headers.get("X-Page-Cache") == "hit", f"{path} is not cached on {visitor.base}"
    return first


def test_an_image_uploaded_on_one_instance_is_in_the_bucket_and_on_the_others_pages(cluster, editor_on, reader, bucket):
    editor = editor_on("app1")
    before = bucket("")
    image_id = upload_image(editor, alt_text="A harbour at dawn")
    added = bucket("") - before
    assert any(key.startswith("originals/") for key in added), "the original is not in the bucket"
    renditions = {key for key in added if key.startswith("renditions/")}
    assert renditions, "no renditions in the bucket"

    _, slug = write_article(editor, "Harbour reopens", lead_image=str(image_id))
    page = reader("app2").get(f"/articles/{slug}/")
    assert page.status_code == 200
    assert page.headers["X-Served-By"] == "app2"
    shown = [key for key in renditions if f"{cluster['s3']}/{cluster_script.BUCKET}/{key}" in page.text]
    assert shown, "the other instance's page does not link the new renditions from the bucket"
    picture = requests.get(f"{cluster['s3']}/{cluster_script.BUCKET}/{shown[0]}", timeout=10)
    assert picture.status_code == 200
    assert picture.headers["Content-Type"] in ("image/webp", "image/jpeg")
    assert "immutable" in picture.headers["Cache-Control"]
    # Nothing went to an app server's disk.
    assert not Path(cluster_script.app_environment("x")["MEDIA_ROOT"]).exists()


def test_an_article_published_on_one_instance_is_on_the_others_cached_pages_at_once(cluster, editor_on, reader):
    app2 = reader("app2")
    cached_twice(app2, "/")
    headline = f"Ferry strike ends {secrets.token_hex(3)}"
    article_id, slug = write_article(editor_on("app1"), headline)
    home = app2.get("/")
    assert headline in home.text
    assert home.headers["X-Page-Cache"] == "miss"  # a new generation, shared through Redis

    cached_twice(app2, f"/articles/{slug}/")
    edit_article(editor_on("app1"), article_id, deck="Corrected deck, saved on app1.")
    assert "Corrected deck, saved on app1." in app2.get(f"/articles/{slug}/").text


class PurgeReceiver(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.received.append((self.headers["Newsroom-Event"], self.headers["Newsroom-Signature"], body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_receiver():
    PurgeReceiver.received = []
    server = ThreadingHTTPServer(("127.0.0.1", PURGE_RECEIVER_PORT), PurgeReceiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield PurgeReceiver.received
    server.shutdown()
    server.server_close()


def test_a_correction_on_one_instance_is_fresh_on_the_other_and_purged_once(cluster, editor_on, reader, purge_receiver):
    secret = "whsec_" + secrets.token_urlsafe(24)
    admin = reader("app2")
    assert admin.login("admin", "admin-demo-pass").status_code == 302
    endpoint = {
        "name": f"CDN {secrets.token_hex(3)}",
        "url": f"http://127.0.0.1:{PURGE_RECEIVER_PORT}/purge",
        "kind": "purge",
        "events": ["article.published", "article.updated", "article.unpublished", "article.corrected"],
        "secret": secret,
        "is_active": "on",
    }
    assert_saved(admin.submit("/admin/webhooks/endpoint/add/", "endpoint_form", endpoint, "_save"))

    editor = editor_on("app1")
    article_id, slug = write_article(editor, "Bridge toll rises")
    app2 = reader("app2")
    cached_twice(app2, f"/articles/{slug}/")
    wait_for_quiet(purge_receiver)  # the purges of writing and publishing it are out of the way
    before = len(purge_receiver)
    note = f"An earlier version gave the wrong toll ({secrets.token_hex(3)})."
    add_correction(editor, article_id, note)
    fresh = app2.get(f"/articles/{slug}/")
    assert note in fresh.text, "the other instance served the page from before the correction"

    # A correction also saves its article: two events ("article.updated", "article.corrected"),
    # one purge, whichever of the two carries it.
    wait_for_quiet(purge_receiver, since=before)
    corrections = [(signature, body) for _, signature, body in purge_receiver[before:]]
    assert len(corrections) == 1, f"{len(corrections)} purges for one correction"
    signature, body = corrections[0]
    timestamp, digest = (part.split("=", 1)[1] for part in signature.split(","))
    expected = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    assert hmac.compare_digest(digest, expected)
    purge = json.loads(body)["purge"]
    site = cluster["nginx"]
    assert f"{site}/articles/{slug}/" in purge["urls"] and f"{site}/" in purge["urls"]
    assert f"article-{article_id}" in purge["tags"] and "home" in purge["tags"]
    ids = [json.loads(b)["id"] for _, _, b in purge_receiver]
    assert len(ids) == len(set(ids)), "a delivery was sent twice"
    FIGURES["purge deliveries received, by event"] = dict(Counter(e for e, _, _ in purge_receiver))
    FIGURES["purge deliveries for the one correction"] = len(corrections)


def wait_for_quiet(received, since=None, seconds=20):
    """Until at least one delivery arrived after ``since`` (when given), then until none has arrived
    for three seconds (the worker passes every second): late duplicates would show."""
    deadline = time.monotonic() + seconds
    while since is not None and len(received) <= since and time.monotonic() < deadline:
        time.sleep(0.2)
    count = -1
    while count != len(received) and time.monotonic() < deadline:
        count = len(received)
        time.sleep(3)


def test_a_scheduled_article_appears_on_both_instances_at_its_second(cluster, editor_on, reader):
    publish_at = (datetime.now(UTC) + timedelta(seconds=15)).replace(microsecond=0)  # room for the setup below
    headline = f"Night market opens {secrets.token_hex(3)}"
    _, slug = write_article(editor_on("app1"), headline, publish_at=publish_at)
    instances = [reader("app1"), reader("app2")]
    for visitor in instances:
        assert visitor.get(f"/articles/{slug}/").status_code == 404
        assert headline not in cached_twice(visitor, "/").text  # both keep a home page without it

    while datetime.now(UTC) < publish_at - timedelta(seconds=1):
        time.sleep(0.1)
    for visitor in instances:
        assert visitor.get(f"/articles/{slug}/").status_code == 404, "visible before its time"
    while datetime.now(UTC) < publish_at:
        time.sleep(0.02)
    first_seen = {}
    while len(first_seen) < len(instances):  # poll both instances in turn from the very second
        for visitor in instances:
            if visitor.base not in first_seen and visitor.get(f"/articles/{slug}/").status_code == 200:
                first_seen[visitor.base] = (datetime.now(UTC) - publish_at).total_seconds()
        assert datetime.now(UTC) < publish_at + timedelta(seconds=2), f"not public in time: {first_seen}"
    for visitor in instances:
        assert headline in visitor.get("/").text, "the cached home page outlived the publication"
    FIGURES["scheduled article public on both, seconds after its time"] = round(max(first_seen.values()), 2)
