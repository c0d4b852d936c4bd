"""``make loadtest``: a minute of heavy traffic on the benchmark newsroom, and what it left behind.

wrk with 32 connections for 60 s over a mix of public pages (200 articles, home, a region, a
topic, an author, the feed and searches) against gunicorn with the production settings (DEBUG off,
the page cache behind CACHE_URL, local memory otherwise) on the benchmark database of
``make bench``. It prints the throughput, latency, non-2xx answers, socket errors, and each
worker's memory before and after; it fails (exit 1) on any non-2xx answer or socket error.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (  # bench/ is a folder of scripts, not a package
    LUA_ROTATE,
    PORT,
    Server,
    bench_database,
    page_urls,
    parse_wrk,
    prepare_database,
    run_env,
    warm,
)

SEARCHES = ["water rights", "election", "mayor budget", "oil price", "school"]


def worker_memory(master_pid: int) -> dict[int, int]:
    """Resident memory (KiB) of each gunicorn worker, read from /proc."""
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True).stdout
    memory = {}
    for pid in map(int, children.split()):
        status = Path(f"/proc/{pid}/status").read_text()
        memory[pid] = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
    return memory


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", 5000)))
    parser.add_argument("--duration", default=os.environ.get("LOADTEST_DURATION", "60s"))
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()

    database_url = bench_database(args.articles)
    env = run_env(database_url, os.environ.get("CACHE_URL") or "locmemcache://newsroom-loadtest")
    prepare_database(database_url, args.articles, env)
    urls = page_urls(env)
    mix = [*urls["article"], *(u for name, paths in urls.items() if name != "article" for u in paths)]
    mix += [f"/search/?q={q.replace(' ', '+')}" for q in SEARCHES]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA_ROTATE % ",".join(f'"{path}"' for path in mix))

    def load(duration, *headers):
        return subprocess.run(
            ["wrk", "-t2", f"-c{args.connections}", f"-d{duration}", "--timeout", "10s", "--latency",
             *headers, "-s", script.name, f"http://127.0.0.1:{PORT}"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    with Server(env) as server:
        warm(mix[:5])
        # Memory is compared from after a warm-up that makes every worker render every kind of page
        # (a session cookie bypasses the page cache, which would otherwise let one worker render them
        # all): what grows afterwards is a leak, not a first import or a first compiled template.
        print(f"{len(mix)} addresses; warm-up, then wrk -t2 -c{args.connections} -d{args.duration} ...", flush=True)
        load("10s", "-H", "Cookie: sessionid=warm-up")
        before = worker_memory(server.process.pid)
        out = load(args.duration)
        after = worker_memory(server.process.pid)
    os.unlink(script.name)
    result = parse_wrk(out)
    print(out)
    print(f"{result['rps']:,.0f} req/s · p50 {result['p50']:.1f} ms · p99 {result['p99']:.1f} ms · "
          f"non-2xx {result['non2xx']} · socket errors {result['socket_errors']}")  # fmt: skip
    for pid in sorted(before):
        grown = (after.get(pid, 0) - before[pid]) / 1024
        print(f"worker {pid}: {before[pid] / 1024:.1f} MiB before, {after.get(pid, 0) / 1024:.1f} MiB after "
              f"({grown:+.1f} MiB)")  # fmt: skip
    replaced = set(after) - set(before)
    if replaced:
        print(f"workers replaced during the run: {sorted(replaced)}")
    if result["non2xx"] or result["socket_errors"] or replaced:
        sys.exit("Load test failed: every answer must be 2xx, with no socket error and no worker lost.")


if __name__ == "__main__":
    main()
