"""``make bench``: Newsroom's public pages against the framework's ceiling, uncached and cached.

One run, one machine, same server settings for every row, so the ratios are what count:
1. a benchmark database is made once per size (PostgreSQL when DATABASE_URL names one, SQLite
   otherwise) and filled by ``generate_bench_data``;
2. gunicorn (2 sync workers, DEBUG off) serves it on 127.0.0.1, first with every cache off
   (CACHE_URL=dummy://), then with the page cache (CACHE_URL, else local memory);
3. wrk loads each page (``-t1 -c8 -d15s --latency`` after a warm-up; the article row rotates over
   200 articles), and the ceiling, a view returning a fixed 30 KB page through the project's full
   middleware stack under the same server. The ceiling is loaded again after every page, and a
   page's share is of the ceiling measured just before and just after it: on a shared virtual
   machine the host's speed drifts by a fifth within minutes, and one ceiling at the start had
   made the last pages' shares depend on when they ran;
4. SQL queries and bytes per page are counted in-process with Django's test client.

The table is printed and written to docs/benchmarks.md with the command that made it.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8731


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", 5000)))
    parser.add_argument("--duration", default=os.environ.get("BENCH_DURATION", "15s"))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--alone-duration", default=os.environ.get("BENCH_ALONE_DURATION", "5s"),
                        help="wrk -c1 run per page for the single-reader latency")  # fmt: skip
    parser.add_argument("--pages", default="", help="comma-separated subset of page names")
    parser.add_argument("--no-cached", action="store_true", help="skip the cached pass")
    parser.add_argument("--write-docs", action="store_true", help="write docs/benchmarks.md")
    return parser.parse_args()


def bench_database(articles: int) -> str:
    """A database URL of its own for this size, so benchmark data never mixes with real data."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        stem, _, name = base.rpartition("/")
        return f"{stem}/{name.split('?')[0]}_bench_{articles}"
    return f"sqlite:///{tempfile.gettempdir()}/newsroom-bench-{articles}.sqlite3"


def run_env(database_url: str, cache_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", secrets.token_urlsafe(50)),
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_COOKIES": "false",
        "BENCH_CEILING": "true",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }


def manage(env, *args, check=True):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=check)


def prepare_database(database_url: str, articles: int, env: dict):
    if database_url.startswith("postgres"):
        name = database_url.rsplit("/", 1)[1]
        admin = database_url.rsplit("/", 1)[0] + "/postgres"
        exists = subprocess.run(["psql", admin, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
                                capture_output=True, text=True).stdout.strip()  # fmt: skip
        if not exists:
            subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    count = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", "from articles.models import Article; print(Article.objects.count())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    if int(count) == articles:
        print(f"Reusing the benchmark database with {articles:,} articles.")
        return
    if int(count):
        manage(env, "flush", "--no-input", "-v0")
    manage(env, "generate_bench_data", "--articles", str(articles))


def page_urls(env) -> dict[str, list[str]]:
    """The pages to load, found in the benchmark database through the project's own URLs."""
    script = """
import json
from articles.models import Article, Region, Topic
from authors.models import Author
from django.db.models import Count
from django.urls import reverse
live = Article.objects.published()
pick = lambda qs: qs.annotate(n=Count("tagged_articles")).order_by("-n").first()
urls = {
    "article": [a.get_absolute_url() for a in live.order_by("-publish_at")[:200]],
    "home": [reverse("articles:home")],
    "region": [pick(Region.objects).get_absolute_url()],
    "topic": [pick(Topic.objects).get_absolute_url()],
    "author": [Author.objects.annotate(n=Count("bylines")).order_by("-n").first().get_absolute_url()],
}
try:
    urls["feed"] = [reverse("articles:feed")]
    urls["search"] = [reverse("articles:search") + "?q=water+rights"]
except Exception:
    pass
print(json.dumps(urls))
"""
    import json

    out = subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def measure_in_process(env, urls) -> dict[str, tuple[int, int]]:
    """SQL queries and bytes of each page, uncached, through Django's test client."""
    script = """
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
urls = json.loads(sys.stdin.read())
client, out = Client(), {}
for name, paths in urls.items():
    client.get(paths[0])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(paths[0])
    out[name] = [len(queries), len(response.content), response.status_code]
print(json.dumps(out))
"""
    import json

    out = subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, input=json.dumps(urls),
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


class Server:
    def __init__(self, env):
        self.env = env

    def __enter__(self):
        # No gunicorn access log, as in deploy/: the project logs each request itself, and
        # formatting gunicorn's own line cost about 6% of an uncached page, even into /dev/null.
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "newsroom.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}",
             "--error-logfile", "-", "--log-level", "warning"],
            cwd=ROOT, env=self.env, start_new_session=True,
        )  # fmt: skip
        try:
            for _ in range(100):
                try:
                    with socket.create_connection(("127.0.0.1", PORT), timeout=0.2):
                        break
                except OSError:
                    time.sleep(0.1)
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=10).read()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=20)


LUA_ROTATE = """
local paths = {%s}
local i = 0
request = function()
  i = (i %% #paths) + 1
  return wrk.format("GET", paths[i])
end
"""


def wrk(paths, duration, connections, warm_up=True) -> dict:
    """One wrk run over ``paths`` (rotated); returns req/s, p50/p99 in ms, non-2xx and socket errors."""
    quoted = ",".join('"' + p.replace('"', '\\"') + '"' for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA_ROTATE % quoted)
    url = f"http://127.0.0.1:{PORT}"
    if warm_up:
        subprocess.run(["wrk", "-t1", f"-c{connections}", "-d3s", "-s", script.name, url], capture_output=True)
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}", "--latency", "-s", script.name, url],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    os.unlink(script.name)
    return parse_wrk(out)


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(out: str) -> dict:
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": _ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "non2xx": int(non2xx.group(1)) if (non2xx := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def ceiling_urls():
    return ["/_bench/ceiling/"]


def warm(paths, rounds=1):
    """Every address ``rounds`` times, so a cached pass measures the cache, not the first visit to
    each page. With a local-memory cache each gunicorn worker keeps its own pages, and the kernel
    hands a request to either worker, so the cached pass warms three rounds; with Redis one would do."""
    for _ in range(rounds):
        for path in paths:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=60).read()


def run_pass(label, env, urls, args):
    results = {}
    with Server(env):
        results["ceiling"] = wrk(ceiling_urls(), args.duration, args.connections)
        results["ceiling"]["p50_alone"] = wrk(ceiling_urls(), args.alone_duration, 1)["p50"]
        before = results["ceiling"]["rps"]
        for name, paths in urls.items():
            if label == "cached":
                warm(paths, rounds=3)
            results[name] = wrk(paths, args.duration, args.connections)
            # One reader alone: the page's own latency, without queueing behind other requests
            # (what the scale targets compare between 5,000 and 100,000 articles).
            results[name]["p50_alone"] = wrk(paths, args.alone_duration, 1)["p50"]
            after = wrk(ceiling_urls(), args.alone_duration, args.connections, warm_up=False)["rps"]
            results[name]["ceiling_beside"], before = (before + after) / 2, after
            print(f"  {label:8} {name:8} {results[name]['rps']:9.1f} req/s, "
                  f"p50 alone {results[name]['p50_alone']:.1f} ms, "
                  f"ceiling beside it {results[name]['ceiling_beside']:.0f} req/s", flush=True)  # fmt: skip
    return results


def table(args, urls, probes, passes) -> str:
    lines = [
        f"{args.articles:,} articles · gunicorn 2 sync workers, DEBUG off · "
        f"wrk -t1 -c{args.connections} -d{args.duration} --latency · database: "
        f"{'PostgreSQL' if os.environ.get('DATABASE_URL', '').startswith('postgres') else 'SQLite'}",
        "",
        "| page | mode | req/s | ceiling beside it | % of ceiling | p50 ms | p99 ms | p50 ms, one reader "
        "| non-2xx | socket errors | queries | bytes |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for mode, results in passes.items():
        ceiling = results["ceiling"]["rps"]
        c = results["ceiling"]
        lines.append(f"| ceiling | {mode} | {ceiling:,.0f} | | 100% | {c['p50']:.2f} | {c['p99']:.2f} | "
                     f"{c['p50_alone']:.2f} | {c['non2xx']} | {c['socket_errors']} | 0 | 30,720 |")  # fmt: skip
        for name in urls:
            r = results[name]
            queries, size, _ = probes[name]
            shown_queries = queries if mode == "uncached" else "-"
            beside = r["ceiling_beside"]
            cells = [name, mode, f"{r['rps']:,.0f}", f"{beside:,.0f}", f"{100 * r['rps'] / beside:.1f}%",
                     f"{r['p50']:.2f}", f"{r['p99']:.2f}", f"{r['p50_alone']:.2f}", r["non2xx"], r["socket_errors"],
                     shown_queries, f"{size:,}"]  # fmt: skip
            lines.append("| " + " | ".join(map(str, cells)) + " |")
    return "\n".join(lines)


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `make bench` installs Debian's wrk package.")
    database_url = bench_database(args.articles)
    uncached = run_env(database_url, "dummy://")
    cached_url = os.environ.get("CACHE_URL") or "locmemcache://newsroom-bench"
    cached = run_env(database_url, cached_url)
    prepare_database(database_url, args.articles, uncached)
    urls = page_urls(uncached)
    if args.pages:
        urls = {k: v for k, v in urls.items() if k in args.pages.split(",")}
    probes = measure_in_process(uncached, urls)
    for name, (queries, size, status) in probes.items():
        print(f"  {name:8} {queries} queries, {size:,} bytes, status {status}")
    passes = {"uncached": run_pass("uncached", uncached, urls, args)}
    if not args.no_cached:
        passes["cached"] = run_pass("cached", cached, urls, args)
    report = table(args, urls, probes, passes)
    print("\n" + report)
    if args.write_docs:
        write_docs(args, report)


def write_docs(args, report):
    path = ROOT / "docs" / "benchmarks.md"
    command = f"make bench BENCH_ARTICLES={args.articles}"
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        command = f"DATABASE_URL={os.environ['DATABASE_URL']} " + command
    if os.environ.get("CACHE_URL"):
        command = f"CACHE_URL={os.environ['CACHE_URL']} " + command
    section = f"## {args.articles:,} articles\n\nMade by `{command}` on {time.strftime('%Y-%m-%d')}.\n\n{report}\n"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    marker = f"## {args.articles:,} articles\n"
    if marker in text:
        before, _, rest = text.partition(marker)
        after = rest[rest.find("\n## ") + 1 :] if "\n## " in rest else ""
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip() + "\n\n" + section
    path.write_text(text)
    print(f"Wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
