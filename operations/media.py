"""Media files in and out of the default storage, with a checksum for every file.

Goes through Django's storage API only, so the same code copies a MEDIA_ROOT folder or an
S3-compatible bucket.
"""

import hashlib
from pathlib import Path, PurePosixPath

from django.core.files import File
from tqdm import tqdm

CHUNK = 1024 * 1024


class MediaError(Exception):
    pass


def list_files(storage, folder="") -> list[str]:
    """Every file name in the storage, sorted; an absent MEDIA_ROOT is simply empty."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += list_files(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def safe_relative(name: str) -> PurePosixPath:
    """A storage name as a path inside the backup; refuses names that would climb out of it."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise MediaError(f"Refusing the file name {name!r}: it points outside the media folder.")
    return path


def _copy(source, target) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if target is not None:
            target.write(chunk)
    return size, digest.hexdigest()


def file_checksum(path: Path) -> tuple[int, str]:
    with path.open("rb") as source:
        return _copy(source, None)


def stored_checksum(storage, name: str) -> tuple[int, str]:
    with storage.open(name, "rb") as source:
        return _copy(source, None)


def back_up(storage, folder: Path, *, progress=True) -> list[dict]:
    """Copy every file of the storage under ``folder``; returns the manifest entries."""
    entries = []
    for name in tqdm(list_files(storage), desc="Media files", unit="file", disable=not progress):
        target_path = folder.joinpath(*safe_relative(name).parts)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, target_path.open("wb") as target:
            size, sha256 = _copy(source, target)
        entries.append({"path": name, "size": size, "sha256": sha256})
    return entries


def check_backup(folder: Path, entries: list[dict]) -> list[str]:
    """What is missing or damaged in a backup's media folder (empty when all is well)."""
    problems = []
    for entry in entries:
        path = folder.joinpath(*safe_relative(entry["path"]).parts)
        if not path.is_file():
            problems.append(f"{entry['path']}: missing from the backup")
        elif file_checksum(path) != (entry["size"], entry["sha256"]):
            problems.append(f"{entry['path']}: size or checksum differs from the manifest")
    return problems


def restore(storage, folder: Path, entries: list[dict], *, replace=False, progress=True) -> list[str]:
    """Copy the backup's files into the storage under their own names, then read each one back
    and compare its checksum. Returns the problems found (empty when every file is identical)."""
    for entry in tqdm(entries, desc="Media files", unit="file", disable=not progress):
        name = entry["path"]
        if replace and storage.exists(name):
            storage.delete(name)  # save() would otherwise pick another name
        with folder.joinpath(*safe_relative(name).parts).open("rb") as source:
            saved = storage.save(name, File(source, name=name))
        if saved != name:
            raise MediaError(f"The storage saved {name!r} as {saved!r}; is a file of that name already there?")
    return [
        f"{entry['path']}: differs after copying"
        for entry in entries
        if stored_checksum(storage, entry["path"]) != (entry["size"], entry["sha256"])
    ]
