"""The database goes away and comes back: readers get a 503 page, then the site recovers alone."""

from django.db import connection
from django.test import Client

from tests.factories import ArticleFactory


def test_healthz_reports_database_and_cache(transactional_db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readers_get_a_503_page_while_the_database_is_down_and_the_site_recovers(transactional_db):
    article = ArticleFactory(headline="Still here")
    reader = Client(raise_request_exception=False)
    original = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/newsroom.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    try:
        for url in ["/", article.get_absolute_url(), "/regions/iraq/"]:
            response = reader.get(url)
            assert response.status_code == 503, url
            assert response["Retry-After"] == "30"
            html = response.content.decode()
            assert "back in a moment" in html and "Traceback" not in html and "site.css" in html
        health = reader.get("/healthz")
        assert health.status_code == 503
        assert health.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert reader.get(article.get_absolute_url()).status_code == 200
    assert reader.get("/healthz").status_code == 200
