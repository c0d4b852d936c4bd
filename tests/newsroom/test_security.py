"""Logins, production settings, headers and absolute URLs."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


def attempt(username, password, ip="10.0.0.1"):
    client = Client(REMOTE_ADDR=ip)
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


@pytest.fixture
def staff():
    return UserFactory(username="ada")


def test_five_failures_lock_a_username_with_a_message_that_reveals_nothing(staff):
    for i in range(4):
        assert attempt("ada", "wrong", ip=f"10.0.0.{i}").status_code == 200
    assert attempt("ada", "wrong", ip="10.0.0.4").status_code == 429  # the fifth failure locks
    locked = attempt("ada", "correct-horse-battery", ip="10.0.0.99")
    assert locked.status_code == 429
    for i in range(5):
        attempt("nobody-by-this-name", "wrong", ip=f"10.0.1.{i}")
    unknown = attempt("nobody-by-this-name", "whatever", ip="10.0.1.99")
    assert unknown.status_code == 429

    def text(response):
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|csrfmiddlewaretoken[^>]*", "", response.content.decode()))

    assert text(locked) == text(unknown)
    assert "Too many failed sign-in attempts" in text(locked) and "15 minutes" in text(locked)


def test_failures_from_one_ip_lock_that_ip_for_every_username(staff):
    for i in range(5):
        attempt(f"guess{i}", "wrong", ip="10.9.9.9")
    assert attempt("ada", "correct-horse-battery", ip="10.9.9.9").status_code == 429
    assert attempt("ada", "correct-horse-battery", ip="10.9.9.8").status_code == 302


def test_the_lock_lifts_after_the_cool_off_or_when_an_administrator_unlocks(staff):
    for _ in range(5):
        attempt("ada", "wrong")
    assert attempt("ada", "correct-horse-battery").status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    assert attempt("ada", "correct-horse-battery").status_code == 302

    for _ in range(5):
        attempt("ada", "wrong")
    assert attempt("ada", "correct-horse-battery").status_code == 429
    admin = Client()
    admin.force_login(UserFactory(username="root", is_superuser=True))
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert attempt("ada", "correct-horse-battery").status_code == 302


def test_staff_reset_a_forgotten_password_by_email_with_a_link_on_site_url(client, staff, settings):
    settings.SITE_URL = "https://news.example.com"
    settings.ALLOWED_HOSTS = ["evil.example.org", "testserver"]
    assert 'href="/admin/password_reset/"' in client.get(LOGIN).content.decode()
    response = client.post(reverse("admin_password_reset"), {"email": staff.email}, HTTP_HOST="evil.example.org")
    assert response.status_code == 302
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/admin/reset/\S+/", message.body).group(0)
    assert link.startswith("https://news.example.com/admin/reset/")
    assert "evil" not in message.body
    new_password = "a-new-Passphrase-2026"
    page = client.get(link.removeprefix("https://news.example.com"), follow=True)
    response = client.post(page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(new_password)


def test_absolute_urls_come_from_site_url_never_from_the_host_header(client, settings):
    settings.SITE_URL = "https://news.example.com"
    settings.ALLOWED_HOSTS = ["evil.example.org"]
    article = ArticleFactory(headline="Anchored")
    html = client.get(article.get_absolute_url(), HTTP_HOST="evil.example.org:8443").content.decode()
    assert f'<link rel="canonical" href="https://news.example.com{article.get_absolute_url()}">' in html
    assert "evil.example.org" not in html


def test_security_headers_on_public_pages(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/", secure=True)
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "'self'" in script_src and "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"


def test_the_deployment_checklist_passes_with_the_documented_production_settings(settings, monkeypatch):
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)  # set by the browser tests only
    settings.DEBUG = False
    settings.SECRET_KEY = "q8Zr-3kX_vT7mWn2pLs9dYc4hJf6bUe1aGo5iRt0yQw8eKx2zNv"
    settings.SITE_URL = "https://news.example.com"
    settings.ALLOWED_HOSTS = ["news.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    call_command("check", deploy=True, fail_level="WARNING")
    settings.SITE_URL = "http://127.0.0.1:8000"
    with pytest.raises(Exception, match=r"newsroom\.W001"):
        call_command("check", deploy=True, fail_level="WARNING")
