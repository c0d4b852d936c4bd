"""How the project talks to PostgreSQL: values bound by the server, the reader pages' queries
prepared once per connection (newsroom/settings.py), batches within the bound-value limit
(newsroom/postgresql)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from articles.models import Topic
from tests.factories import ArticleFactory, AuthorFactory


def database_options(**env):
    code = "from newsroom import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))"
    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/newsroom", **env}
    found = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return found.stdout


def test_postgresql_prepares_what_is_asked_twice_unless_a_pooler_cannot_keep_it():
    prepared = database_options()
    assert "'server_side_binding': True" in prepared and "'prepare_threshold': 2" in prepared
    plain = database_options(DB_PREPARED_STATEMENTS="false")
    assert "server_side_binding" not in plain and "prepare_threshold" not in plain and "jit=off" in plain


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="prepared statements are PostgreSQL's")
def test_a_reader_page_asked_again_runs_prepared_statements(db, no_page_cache, client):
    assert settings.DATABASES["default"]["OPTIONS"]["server_side_binding"] is True
    article = ArticleFactory(headline="Ціни на воду: що далі?", authors=[AuthorFactory(name="محمد الخطيب")])
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    pages = [client.get(article.get_absolute_url()) for _ in range(3)]
    assert all(page.status_code == 200 for page in pages) and "Ціни на воду: що далі?" in pages[-1].text
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('FROM "articles_article"' in statement for statement in prepared)
    assert any('JOIN "articles_correction"' in statement for statement in prepared)  # the row with its corrections


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the bound-parameter limit is PostgreSQL's")
def test_more_rows_than_a_query_can_bind_are_written_and_read_in_batches(db):
    """Bound by the server, a query carries at most 65,535 values (newsroom/postgresql): an import
    creating 70,000 terms at once and a lookup of 70,000 keys still work."""
    Topic.objects.bulk_create(Topic(name=f"Тема {n} ✓", slug=f"tema-{n}") for n in range(70_000))
    keys = list(Topic.objects.values_list("pk", flat=True))
    assert len(keys) == 70_000 and len(Topic.objects.in_bulk(keys)) == 70_000


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="planner settings are PostgreSQL's")
def test_the_planner_prices_index_lookups_for_a_database_in_memory(db):
    """An author's page follows the author's bylines (newsroom/settings.py says why)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
