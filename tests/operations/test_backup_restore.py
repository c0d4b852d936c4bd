"""A backup restored into a fresh database and a fresh media folder is the same newsroom, row for
row and byte for byte. On SQLite always; on PostgreSQL when the suite runs there (DATABASE_URL)."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from articles import workflow
from articles.models import Article, FrontPagePlacement, Region
from operations import backups
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # this test's files only
    return settings.MEDIA_ROOT


@pytest.fixture
def newsroom(editor, media_root):
    """A small demo-like newsroom: a region tree, authors with photos, live, draft and scheduled
    articles with lead images, bylines, tags, revisions, a correction, a share link, a placement."""
    middle_east = Region.objects.create(name="Middle East")
    Region.objects.create(name="Côte d’Ivoire")
    iraq = Region.objects.create(name="Iraq", parent=middle_east)
    lina = AuthorFactory(name="Lina Haddad", photo=ImageFactory(alt_text="Lina Haddad"))
    omar = AuthorFactory(name="Omar Said", photo=ImageFactory(alt_text="Omar Said"))
    live = ArticleFactory(
        headline="Dam opens on the Euphrates",
        lead_image=ImageFactory(caption="The dam at dawn", credit="Agency"),
        authors=[lina, omar],
        regions=[iraq],
        topics=["Energy", "经济"],
    )
    draft = ArticleFactory(headline="Draft about water", draft=True, authors=[omar], regions=["Côte d’Ivoire"])
    ArticleFactory(headline="Scheduled piece", scheduled=True, authors=[lina], topics=["Energy"])
    live.headline = "Dam opens on the Euphrates after ten years"
    workflow.save_article(article=live, by=editor)
    workflow.submit_for_review(article=draft, by=editor)
    workflow.add_correction(article=live, by=editor, kind="correction", note="The dam’s height was wrong.")
    workflow.create_share_link(article=draft, by=editor, expires_at=timezone.now() + timedelta(days=1))
    FrontPagePlacement.objects.create(article=live, position=0)
    return live


def table_rows(cursor, tables) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: the whole database as comparable data."""
    dump = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT * FROM "{table}"')
        dump[table] = sorted(cursor.fetchall(), key=repr)
    return dump


def sqlite_rows(path):
    """Read with the plain sqlite3 module (Django's connection converts some column types)."""
    with closing(sqlite3.connect(path)) as database:
        cursor = database.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return table_rows(cursor, [row[0] for row in cursor.fetchall()])


def source_rows():
    if connection.vendor == "sqlite":
        return sqlite_rows(connection.settings_dict["NAME"])
    with connection.cursor() as cursor:
        return table_rows(cursor, connection.introspection.table_names(cursor))


def storage_files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def run_restore(folder, *, database_url, media, extra=()):
    """`manage.py restore` as an operator runs it, with production settings and its own target."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "CACHE_URL": "locmemcache://restore",
        "PAGE_CACHE_GENERATION_FILE": str(Path(folder).parent / "generation"),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder), "--verbosity=1", *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def restore_target(tmp_path):
    """A fresh, empty database of the suite's engine: (DATABASE_URL, function reading all its rows)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite_rows(path)
        return

    import psycopg

    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    name = f"{config['NAME']}_restore_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with closing(psycopg.connect(dbname="postgres", autocommit=True, **params)) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')

    def rows():
        with closing(psycopg.connect(dbname=name, **params)) as target:
            cursor = target.cursor()
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            tables = table_rows(cursor, [row[0] for row in cursor.fetchall()])
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
            return tables, cursor.fetchall()

    url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
    yield url, rows
    with closing(psycopg.connect(dbname="postgres", autocommit=True, **params)) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def source_sequences():
    with connection.cursor() as cursor:
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
        return cursor.fetchall()


def test_a_restored_backup_has_every_row_and_every_file(newsroom, media_root, restore_target, tmp_path):
    folder = tmp_path / "backups" / "one"
    call_command("backup", "--output", str(folder), verbosity=0)
    manifest = backups.read_manifest(folder)
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["database"]["row_counts"]["articles_article"] == 3
    assert manifest["database"]["row_counts"]["reversion_version"] >= 2
    assert ["articles", "0001_initial"] in manifest["database"]["migrations"]
    originals = storage_files(media_root)
    assert len(originals) > 4 * 3  # five images, each an original and its renditions
    assert {entry["path"]: entry["sha256"] for entry in manifest["media"]["files"]} == originals

    url, target_rows = restore_target
    restored_media = tmp_path / "restored-media"
    done = run_restore(folder, database_url=url, media=restored_media)
    assert done.returncode == 0, done.stderr
    assert "Restored and verified" in done.stdout

    assert storage_files(restored_media) == originals
    if connection.vendor == "sqlite":
        assert target_rows() == source_rows()
    else:
        tables, sequences = target_rows()
        assert tables == source_rows()
        assert sequences == source_sequences()  # new rows after a restore get fresh ids


def test_restore_refuses_a_database_or_storage_that_holds_data(newsroom, media_root, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", "--output", str(folder), verbosity=0)
    Article.objects.filter(pk=newsroom.pk).update(headline="Written after the backup")
    with pytest.raises(CommandError, match=r"Refusing to restore: the database has \d+ table\(s\) with rows"):
        call_command("restore", str(folder), verbosity=0)
    assert Article.objects.get(pk=newsroom.pk).headline == "Written after the backup"

    other_db = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    done = run_restore(folder, database_url=other_db, media=media_root)  # empty database, full storage
    assert done.returncode != 0
    assert "the media storage has" in done.stderr and "--force" in done.stderr


def test_a_damaged_backup_is_refused_before_anything_is_written(newsroom, media_root, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", "--output", str(folder), verbosity=0)
    damaged = next((folder / "media").rglob("*.webp"))
    damaged.write_bytes(b"not the picture")
    restored_media = tmp_path / "restored-media"
    done = run_restore(folder, database_url=f"sqlite:///{tmp_path / 'empty.sqlite3'}", media=restored_media)
    assert done.returncode != 0 and "The backup is damaged; nothing was restored" in done.stderr
    assert not (tmp_path / "empty.sqlite3").exists() or sqlite_rows(tmp_path / "empty.sqlite3") == {}
    assert not restored_media.exists()


def test_a_backup_never_overwrites_a_folder(newsroom, tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--output", str(tmp_path / "taken"), verbosity=0)


def test_default_backup_folders_are_dated_under_backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    from datetime import UTC, datetime

    assert backups.default_folder(datetime(2026, 11, 30, 14, 5, 9, tzinfo=UTC)) == tmp_path / "2026-11-30T140509Z"
    assert tmp_path == django_settings.BACKUP_DIR
