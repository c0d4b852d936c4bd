"""Logins and their throttling are shared by every instance: sessions and failure counts live in
the database, not in one app server's memory."""

import secrets

import pytest

from tests.cluster.browser import Visitor

pytestmark = pytest.mark.cluster


def test_a_login_on_one_instance_works_on_the_other(cluster, editor_on):
    editor = editor_on("app1")
    editor.base = cluster["app2"]  # the same browser, its cookies, now talking to the other instance
    dashboard = editor.get("/admin/")
    assert dashboard.status_code == 200
    assert dashboard.headers["X-Served-By"] == "app2"
    assert "Log out" in dashboard.text

    editor.base = cluster["nginx"]
    answers = [editor.get("/admin/") for _ in range(6)]
    assert {a.status_code for a in answers} == {200}
    assert {a.headers["X-Served-By"] for a in answers} == {"app1", "app2"}  # nginx alternates


def test_signing_out_on_one_instance_signs_out_on_the_other(cluster, editor_on):
    editor = editor_on("app2")
    token = editor.http.cookies["csrftoken"]
    editor.base = cluster["app1"]
    assert editor.post("/admin/logout/", {"csrfmiddlewaretoken": token}).status_code == 200
    editor.base = cluster["app2"]
    assert editor.get("/admin/").status_code == 302  # back to the login page


def test_login_failures_are_counted_across_both_instances(cluster, editor_on):
    """LOGIN_FAILURE_LIMIT (5) failures, alternating instances, lock the login on both. The address
    is the one nginx appends to X-Forwarded-For (TRUSTED_PROXY_COUNT=1), here a made-up reader's,
    so the lockout touches only that reader and that username."""
    address = f"203.0.113.{secrets.randbelow(200) + 1}"
    username = f"guess-{secrets.token_hex(4)}"  # unknown names are counted like real ones
    instances = [Visitor(cluster["app1"]), Visitor(cluster["app2"])]
    for attempt in range(1, 6):
        refused = instances[attempt % 2].login(username, "wrong", headers={"X-Forwarded-For": address})
        # 1-4 show the form again; the fifth, counted with the other instance's, is the lockout.
        assert refused.status_code == (429 if attempt == 5 else 200), f"attempt {attempt}"
    for visitor in instances:
        assert visitor.login("editor", "editor-demo-pass", headers={"X-Forwarded-For": address}).status_code == 429
        assert visitor.login(username, "any", headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    # Everyone else, all arriving through nginx from its one address, still signs in.
    assert editor_on("nginx").get("/admin/").status_code == 200
