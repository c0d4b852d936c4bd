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
# The cache behind CACHE_URL when one is set (CI runs the suite again with Redis), otherwise local
# memory. Each xdist worker gets its own Redis database (the URL's number plus the worker's), so
# clearing it between tests is private; two suites at once need URLs a few numbers apart.
if os.environ.get("CACHE_URL", "").startswith("redis"):
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    CACHES = {"default": {**env.cache("CACHE_URL"), "BACKEND": "newsroom.cache.RedisCache"}}  # noqa: F405
    base, number = CACHES["default"]["LOCATION"].rsplit("/", 1)
    CACHES["default"]["LOCATION"] = f"{base}/{int(number or 0) + worker}"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")

# A file, not SQLite's in-memory database, so a test can really take the database away and bring
# it back (an in-memory database would vanish with its connection). pytest-django gives each
# xdist worker its own copy.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), f"newsroom-test-{os.getpid()}.sqlite3")}  # noqa: F405

# Each xdist worker has its own local-memory cache, so its own page-cache generation file too.
PAGE_CACHE_GENERATION_FILE = os.environ.get("PAGE_CACHE_GENERATION_FILE") or os.path.join(
    tempfile.gettempdir(), f"newsroom-test-pagecache-{os.getpid()}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
)
