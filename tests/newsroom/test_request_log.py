"""Every request gets an id (X-Request-ID) and one JSON log line; errors carry the same id."""

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from newsroom.logging import JsonFormatter, TextFormatter, bound_request_id
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def log_lines():
    """What the configured console handler would print: JSON lines, read back as dicts."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_every_answer_carries_a_request_id(client):
    article = ArticleFactory()
    answers = [client.get(url) for url in ["/", "/", article.get_absolute_url(), "/no-such-page/", "/healthz"]]
    assert answers[1]["X-Page-Cache"] == "hit"
    ids = [answer["X-Request-ID"] for answer in answers]
    assert all(GENERATED.fullmatch(request_id) for request_id in ids)
    assert len(set(ids)) == 5  # one of its own each, a page served from the page cache too


@pytest.mark.parametrize("offered", ["abc-123", "1-67891233-abcdef012345678912345678", "a.b_c", "x" * 64])
def test_a_sane_request_id_from_the_proxy_is_kept(client, offered):
    assert client.get("/", HTTP_X_REQUEST_ID=offered)["X-Request-ID"] == offered


@pytest.mark.parametrize(
    "offered", ["", "x" * 65, "has space", "k=v", "semi;colon", "new\nline", "ünïcode", "<script>"]
)
def test_an_insane_request_id_is_replaced(client, offered):
    assert GENERATED.fullmatch(client.get("/", HTTP_X_REQUEST_ID=offered)["X-Request-ID"])


def test_one_json_line_per_request_with_method_path_status_duration_and_id(client, log_lines):
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-404")
    [line] = [entry for entry in log_lines() if entry["logger"] == "newsroom.requests"]
    assert line["method"] == "GET" and line["path"] == "/no-such-page/" and line["status"] == 404
    assert line["request_id"] == "req-404" and line["level"] == "INFO"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert "user_id" not in line  # nobody logged in
    # Django's own "Not Found" warning for the same request carries the same id.
    assert any(e["logger"] == "django.request" and e["request_id"] == "req-404" for e in log_lines())


def test_the_line_names_the_logged_in_user(client, log_lines):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    [line] = [entry for entry in log_lines() if entry["logger"] == "newsroom.requests"]
    assert line["user_id"] == user.pk and line["path"] == "/admin/"


def test_an_unhandled_exception_is_logged_with_its_traceback_and_the_request_id(client, settings, log_lines):
    settings.ROOT_URLCONF = "tests.newsroom.failing_urls"
    client.raise_request_exception = False
    response = client.get("/broken/", HTTP_X_REQUEST_ID="req-500")
    assert response.status_code == 500 and response["X-Request-ID"] == "req-500"
    lines = log_lines()
    [error] = [entry for entry in lines if "traceback" in entry]
    assert error["request_id"] == "req-500" and error["level"] == "ERROR"
    assert "RuntimeError: a bug in a view" in error["traceback"] and "def broken" not in error["message"]
    [access] = [entry for entry in lines if entry["logger"] == "newsroom.requests"]
    assert (access["status"], access["level"], access["request_id"]) == (500, "ERROR", "req-500")


def test_logs_are_json_by_default_and_text_on_request():
    assert django_settings.LOG_FORMAT == "json"
    assert django_settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler.formatter, JsonFormatter)  # what the running site really uses
    with bound_request_id("req-text"):
        record = logging.getLogger("newsroom.example").makeRecord(
            "newsroom.example", logging.WARNING, __file__, 1, "Disk %s full", ("/var",), None
        )
    line = TextFormatter().format(record)
    assert line.endswith("WARNING newsroom.example [req-text] Disk /var full")


def test_an_unknown_log_format_is_refused_with_a_clear_message():
    env = {**os.environ, "LOG_FORMAT": "xml", "DJANGO_SETTINGS_MODULE": "tests.settings"}
    manage = Path(django_settings.BASE_DIR) / "manage.py"
    result = subprocess.run([sys.executable, manage, "check"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "LOG_FORMAT must be 'json' or 'text', not 'xml'." in result.stderr
