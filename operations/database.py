"""The database half of a backup: one consistent copy, its row counts and its migration state.

SQLite uses the online backup API (a consistent copy while the site runs); PostgreSQL uses
``pg_dump --format=custom`` inside a REPEATABLE READ snapshot shared with the row counts, so the
manifest describes exactly the rows in the dump.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import transaction
from django.db.migrations.loader import MigrationLoader

DUMP_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}


class DatabaseError(Exception):
    pass


def engine(connection) -> str:
    if connection.vendor not in DUMP_FILES:
        raise DatabaseError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor, tables) -> list[list[str]]:
    if "django_migrations" not in tables:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [list(row) for row in cursor.fetchall()]


def tables_with_rows(connection) -> list[str]:
    """The target's tables that hold anything: a restore must not overwrite them unasked."""
    with connection.cursor() as cursor:
        return [
            table for table, count in row_counts(cursor, connection.introspection.table_names(cursor)).items() if count
        ]


def current_state(connection) -> dict:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return {"row_counts": row_counts(cursor, tables), "migrations": _migrations(cursor, tables)}


def migration_gap(applied: list[list[str]]) -> tuple[list[str], list[str]]:
    """(migrations this code has that the backup lacks, migrations the backup has that this code lacks)."""
    on_disk = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    in_backup = {f"{app}.{name}" for app, name in applied}
    return sorted(on_disk - in_backup), sorted(in_backup - on_disk)


# --- SQLite -----------------------------------------------------------------------------------------


def _sqlite_dump(connection, path: Path) -> dict:
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)
        cursor = target.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        tables = [row[0] for row in cursor.fetchall()]
        return {"row_counts": row_counts(cursor, tables), "migrations": _migrations(cursor, tables)}


def _sqlite_load(connection, path: Path):
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as source:
        source.backup(connection.connection)


# --- PostgreSQL -------------------------------------------------------------------------------------


def _pg_env(connection) -> dict:
    """libpq's environment for pg_dump/pg_restore, so the password never shows in `ps`."""
    settings = connection.settings_dict
    values = {
        "PGHOST": settings.get("HOST"),
        "PGPORT": str(settings.get("PORT") or ""),
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
        "PGDATABASE": settings.get("NAME"),
        "PGSSLMODE": settings.get("OPTIONS", {}).get("sslmode"),
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def _pg_tool(name: str, connection) -> str:
    path = shutil.which(name)
    if path is None:
        raise DatabaseError(f"{name} not found: install PostgreSQL's client tools (apt-get install postgresql-client).")
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    tool_major = int(re.search(r"\)\s+(\d+)", version).group(1))  # "pg_dump (PostgreSQL) 15.20 (Debian ...)"
    server_major = connection.pg_version // 10000
    if tool_major < server_major:
        raise DatabaseError(
            f"{name} {tool_major} is older than the PostgreSQL {server_major} server; install "
            f"postgresql-client-{server_major} (from apt.postgresql.org if Debian lacks it)."
        )
    return path


def _run(command: list[str], connection):
    done = subprocess.run(command, env=_pg_env(connection), capture_output=True, text=True)
    if done.returncode:
        raise DatabaseError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")


def _pg_dump(connection, path: Path) -> dict:
    connection.ensure_connection()
    pg_dump = _pg_tool("pg_dump", connection)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = connection.introspection.table_names(cursor)
        state = {"row_counts": row_counts(cursor, tables), "migrations": _migrations(cursor, tables)}
        # Same snapshot as the counts above, held open until pg_dump has finished.
        _run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", f"--file={path}"],
            connection,
        )
    return state


def _pg_load(connection, path: Path):
    connection.ensure_connection()
    pg_restore = _pg_tool("pg_restore", connection)
    connection.close()  # pg_restore --clean must be able to drop tables this connection has touched
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        ],
        connection,
    )


def dump(connection, folder: Path) -> dict:
    """Write the database into ``folder``; returns the manifest's database section."""
    kind = engine(connection)
    path = folder / DUMP_FILES[kind]
    state = _sqlite_dump(connection, path) if kind == "sqlite" else _pg_dump(connection, path)
    return {"engine": kind, "file": path.name, **state}


def load(connection, folder: Path, section: dict):
    kind = engine(connection)
    if section["engine"] != kind:
        raise DatabaseError(f"This backup holds a {section['engine']} database; the target is {kind}.")
    path = folder / section["file"]
    if not path.is_file():
        raise DatabaseError(f"{path} is missing from the backup.")
    if kind == "sqlite":
        _sqlite_load(connection, path)
    else:
        _pg_load(connection, path)
    connection.close()
