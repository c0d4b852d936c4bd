"""Test-only settings: the real settings plus speed-ups that do not change behaviour."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")

# A file, not SQLite's in-memory database, so a test can really take the database away and bring
# it back (an in-memory database would vanish with its connection). pytest-django gives each
# xdist worker its own copy.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), f"newsroom-test-{os.getpid()}.sqlite3")}  # noqa: F405
