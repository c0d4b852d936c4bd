"""A production-like server for browser tests: gunicorn, DEBUG off, no bucket, its own SQLite file.

Nothing from the test database is shared: the server gets a fresh database, migrated and loaded
with the demo newsroom by the same commands a deployment runs.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def own_cache(folder: Path) -> dict:
    """The server's pages must never mix with the test workers': they share the Redis database
    behind CACHE_URL and store the same addresses (a worker's home page, under the current
    generation, would answer for the server's). Redis gets a key prefix of its own, local memory
    a generation file of its own."""
    cache_url = os.environ.get("CACHE_URL", "")
    if not cache_url.startswith("redis"):
        return {"PAGE_CACHE_GENERATION_FILE": str(folder / "pagecache-generation")}
    separator = "&" if "?" in cache_url else "?"
    return {"CACHE_URL": f"{cache_url}{separator}key_prefix=browser-{secrets.token_hex(8)}"}


def environment(folder: Path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    return (
        env
        | own_cache(folder)
        | {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "STATIC_ROOT": str(folder / "static"),
            "SECURE_COOKIES": "false",  # plain http on 127.0.0.1
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        }
    )


def start(folder: Path):
    """Prepare the database and static files, start gunicorn; returns (base_url, process)."""
    env = environment(folder)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"], ["load_demo"]):
        subprocess.run([*manage, *command, "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    process = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            return base, process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()) from None
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("gunicorn did not answer")
