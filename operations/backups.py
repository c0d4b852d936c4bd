"""A backup is one folder: the database (see ``database``), the media files (see ``media``) and
``manifest.json`` describing both, so a restore can prove it brought back every row and file."""

import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections

from articles import pagecache

from . import database, media

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """Anything that stops a backup or a restore; the message says what to do."""


def default_folder(now=None) -> Path:
    now = now or datetime.now(UTC)
    return Path(settings.BACKUP_DIR) / now.strftime("%Y-%m-%dT%H%M%SZ")


def create(folder: Path, *, using="default", storage=None, progress=True) -> dict:
    """Write a backup into ``folder`` (which must not exist yet) and return its manifest.

    It is built in ``<folder>.partial`` and renamed at the end, so an interrupted backup never
    looks complete.
    """
    storage = storage or default_storage
    folder = Path(folder)
    if folder.exists():
        raise BackupError(f"{folder} already exists; choose a new folder.")
    partial = folder.with_name(folder.name + ".partial")
    try:
        partial.mkdir(parents=True)
    except FileExistsError:
        raise BackupError(f"{partial} exists: another backup is running, or one was interrupted (delete it).") from None
    connection = connections[using]
    try:
        db_section = database.dump(connection, partial)
        files = media.back_up(storage, partial / "media", progress=progress)
    except BaseException as error:
        shutil.rmtree(partial)  # ours, and incomplete
        if isinstance(error, database.DatabaseError | media.MediaError):
            raise BackupError(str(error)) from error
        raise
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": db_section,
        "media": {"storage": f"{type(storage).__module__}.{type(storage).__name__}", "files": files},
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    partial.rename(folder)
    return manifest


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise BackupError(f"{path} not found: is {folder} a backup folder?") from None
    except ValueError as error:
        raise BackupError(f"{path} is not valid JSON ({error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has format {manifest.get('format')!r}; this code reads format {FORMAT}.")
    return manifest


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    files: int = 0
    problems: list[str] = field(default_factory=list)
    migrations_to_apply: list[str] = field(default_factory=list)
    unknown_migrations: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def restore(folder: Path, *, force=False, using="default", storage=None, progress=True) -> RestoreReport:
    """Bring a backup back into an empty database and an empty storage, then verify both.

    Refuses (before writing anything) a target that holds rows or files unless ``force``, and a
    backup whose files do not match its manifest.
    """
    storage = storage or default_storage
    folder = Path(folder)
    manifest = read_manifest(folder)
    connection = connections[using]
    entries = manifest["media"]["files"]

    damaged = media.check_backup(folder / "media", entries)
    if damaged:
        raise BackupError("The backup is damaged; nothing was restored:\n  " + "\n  ".join(damaged))
    if not force:
        _refuse_if_not_empty(connection, storage)

    try:
        database.load(connection, folder, manifest["database"])
        file_problems = media.restore(storage, folder / "media", entries, replace=force, progress=progress)
    except (database.DatabaseError, media.MediaError) as error:
        raise BackupError(str(error)) from error
    pagecache.content_changed()  # pages cached before the restore show other content

    expected = manifest["database"]["row_counts"]
    found = database.current_state(connection)["row_counts"]
    report = RestoreReport(tables=len(expected), rows=sum(expected.values()), files=len(entries))
    report.problems = file_problems + [
        f"table {table}: {expected.get(table, 'absent')} rows in the backup, {found.get(table, 'absent')} restored"
        for table in sorted(set(expected) | set(found))
        if expected.get(table) != found.get(table)
    ]
    report.migrations_to_apply, report.unknown_migrations = database.migration_gap(manifest["database"]["migrations"])
    return report


def _refuse_if_not_empty(connection, storage):
    full_tables = database.tables_with_rows(connection)
    files = media.list_files(storage)
    reasons = []
    if full_tables:
        shown = ", ".join(full_tables[:5]) + (", ..." if len(full_tables) > 5 else "")
        reasons.append(f"the database has {len(full_tables)} table(s) with rows ({shown})")
    if files:
        reasons.append(f"the media storage has {len(files)} file(s)")
    if reasons:
        raise BackupError(
            f"Refusing to restore: {' and '.join(reasons)}. Restore into an empty database and storage, "
            "or pass --force to overwrite them."
        )
