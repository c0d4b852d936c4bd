"""Several app servers acting as one, on loopback: `make cluster` (docs/cluster.md).

Starts nginx (deploy/nginx.conf) in front of two gunicorn instances of the project (DEBUG off),
the background worker, and moto's S3 server as the bucket for uploads; PostgreSQL and Redis are the
machine's (a database of our own, one Redis database number). Nothing is kept on the app servers'
disk: MEDIA_ROOT points at a folder that must never appear.

    python deploy/cluster.py start     # start everything in the background, print the addresses
    python deploy/cluster.py stop      # stop everything start started, drop the database
    python deploy/cluster.py run       # start, wait for Ctrl-C, stop
    python deploy/cluster.py bench     # wrk on the article page: through nginx vs one instance

Every process started is recorded with its pid in state.json under RUN_DIR (/tmp/newsroom-cluster-8380);
stop ends exactly those.
"""

import argparse
import contextlib
import json
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
BASE_PORT = int(os.environ.get("CLUSTER_BASE_PORT", "8380"))
# Config, pid files, logs, nginx's temp folders, collected static files: in the temp folder, which
# nginx's unprivileged workers can always reach (a checkout under /root may not be).
RUN_DIR = Path(os.environ.get("CLUSTER_RUN_DIR", Path(tempfile.gettempdir()) / f"newsroom-cluster-{BASE_PORT}"))
STATE_FILE = RUN_DIR / "state.json"
PYTHON = sys.executable
DATABASE = os.environ.get("CLUSTER_DATABASE", "newsroom_cluster")
PG = "postgres://postgres@127.0.0.1:5432"
os.environ.setdefault("PGOPTIONS", "--client-min-messages=warning")  # no NOTICE from DROP ... IF EXISTS
REDIS_DB = int(os.environ.get("CLUSTER_REDIS_DB", "8"))
BUCKET = "newsroom-cluster"
INSTANCES = ("app1", "app2")
IMAGE_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def ports():
    return {"nginx": BASE_PORT, "app1": BASE_PORT + 1, "app2": BASE_PORT + 2, "s3": BASE_PORT + 3}


def app_environment(secret_key, instance=None):
    """What every app process gets: the shared services, production settings, no local state."""
    p = ports()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "false",
        "SECRET_KEY": secret_key,  # the same on every instance: sessions and share links are signed with it
        "SITE_URL": f"http://127.0.0.1:{p['nginx']}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "false",  # plain http on loopback; production sets the HTTPS variables
        "TRUSTED_PROXY_COUNT": "1",  # nginx appends the reader's address to X-Forwarded-For
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{p['s3']}",
        "AWS_ACCESS_KEY_ID": "cluster",
        "AWS_SECRET_ACCESS_KEY": "cluster-secret",
        "AWS_S3_REGION_NAME": "us-east-1",
        "IMAGE_MAX_UPLOAD_BYTES": str(IMAGE_MAX_UPLOAD_BYTES),
        # Neither may ever be created: uploads live in the bucket, the page-cache generation in Redis.
        "MEDIA_ROOT": str(RUN_DIR / "no-local-media"),
        "PAGE_CACHE_GENERATION_FILE": str(RUN_DIR / "no-local-pagecache-generation"),
        "STATIC_ROOT": str(RUN_DIR / "static"),
        "WEBHOOK_RETRY_BASE_SECONDS": "2",
        "LOG_LEVEL": "WARNING",
    }
    if instance:
        env["SERVED_BY"] = instance  # adds X-Served-By, so tests can tell the instances apart
    return env


# The only settings production adds: the cluster serves plain http on loopback, production serves
# https at its public address (README, "Production"). `check --deploy` runs with these on top.
HTTPS_IN_PRODUCTION = {
    "SITE_URL": "https://news.example.com",
    "ALLOWED_HOSTS": "news.example.com",
    "SECURE_COOKIES": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "BEHIND_HTTPS_PROXY": "true",
}


def manage(env, *args):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True)


def render_nginx_config():
    p = ports()
    servers = "\n".join(f"        server 127.0.0.1:{p[name]} max_fails=1 fail_timeout=5s;" for name in INSTANCES)
    values = {
        "USER_LINE": "user nobody nogroup;" if os.geteuid() == 0 else "# not root: workers run as the current user",
        "RUN_DIR": str(RUN_DIR),
        "STATIC_ROOT": str(RUN_DIR / "static"),
        "NGINX_PORT": str(p["nginx"]),
        "UPSTREAM_SERVERS": servers,
        "CLIENT_MAX_BODY_SIZE": f"{IMAGE_MAX_UPLOAD_BYTES // (1024 * 1024) + 1}m",
    }
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    if unfilled := re.findall(r"@[A-Z_]+@", text):
        raise SystemExit(f"deploy/nginx.conf has placeholders cluster.py does not fill: {unfilled}")
    (RUN_DIR / "nginx.conf").write_text(text)
    shutil.copy(ROOT / "deploy" / "proxy_params.conf", RUN_DIR / "proxy_params.conf")
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (RUN_DIR / "temp" / folder).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(RUN_DIR / "temp" / folder, "nobody", "nogroup")
    subprocess.run(["nginx", "-t", "-q", "-p", str(RUN_DIR), "-c", str(RUN_DIR / "nginx.conf")], check=True)


def spawn(name, argv, env=None):
    # Its own session: Ctrl-C on `make cluster` reaches only cluster.py, which then stops everything in order.
    with open(RUN_DIR / "logs" / f"{name}.log", "ab") as log:
        process = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    return {"pid": process.pid, "argv": argv, "started": _start_time(process.pid)}


def gunicorn_argv(port):
    return [PYTHON, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
            "--graceful-timeout", "20"]  # fmt: skip


def start_instance(state, name):
    state["processes"][name] = spawn(name, gunicorn_argv(ports()[name]), app_environment(state["secret_key"], name))
    wait_for(f"http://127.0.0.1:{ports()[name]}/healthz", name)


def wait_for(url, name, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"{name} did not answer {url} within {seconds}s; see {RUN_DIR / 'logs'}")


def create_bucket():
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{ports()['s3']}",
        aws_access_key_id="cluster",
        aws_secret_access_key="cluster-secret",
        region_name="us-east-1",
    )
    s3.create_bucket(Bucket=BUCKET)
    # As in production (docs/images.md): only renditions are public, originals stay private.
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                       "Resource": f"arn:aws:s3:::{BUCKET}/renditions/*"}],
    }  # fmt: skip
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))


def start():
    if STATE_FILE.exists():
        raise SystemExit(f"A cluster is already running ({STATE_FILE}); `make cluster-stop` first.")
    for tool in ("nginx", "psql", "redis-cli"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed (make cluster installs Debian's nginx).")
    for name, port in ports().items():
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                raise SystemExit(f"Port {port} ({name}) is taken; set CLUSTER_BASE_PORT to use other ports.")
    (RUN_DIR / "logs").mkdir(parents=True, exist_ok=True)
    state = {"secret_key": secrets.token_urlsafe(50), "ports": ports(), "processes": {}}
    STATE_FILE.write_text(json.dumps(state))  # from here on, stop() cleans up whatever started
    try:
        # Our own database: one left by an interrupted run is dropped, then made anew.
        subprocess.run(
            ["psql", PG + "/postgres", "-qc", f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'], check=True
        )
        subprocess.run(["psql", PG + "/postgres", "-qc", f'CREATE DATABASE "{DATABASE}"'], check=True)
        state["database"] = DATABASE
        subprocess.run(["redis-cli", "-n", str(REDIS_DB), "flushdb"], check=True, capture_output=True)
        p = ports()
        moto = [str(Path(PYTHON).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(p["s3"])]
        state["processes"]["s3"] = spawn("s3", moto)
        save(state)
        wait_for(f"http://127.0.0.1:{p['s3']}/moto-api/", "moto")
        create_bucket()
        env = app_environment(state["secret_key"])
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        manage(env, "load_demo", "--verbosity", "0")  # the demo logins and articles (README)
        for name in INSTANCES:
            start_instance(state, name)
            save(state)
        state["processes"]["worker"] = spawn("worker", [PYTHON, "manage.py", "run_worker", "--interval", "1"], env)
        render_nginx_config()
        nginx = ["nginx", "-p", str(RUN_DIR), "-c", str(RUN_DIR / "nginx.conf"), "-g", "daemon off;"]
        state["processes"]["nginx"] = spawn("nginx", nginx)
        save(state)
        wait_for(f"http://127.0.0.1:{p['nginx']}/healthz", "nginx")
    except BaseException:
        stop()
        raise
    print(f"Cluster up: http://127.0.0.1:{p['nginx']}/ (nginx) in front of {', '.join(INSTANCES)} "
          f"on ports {p['app1']} and {p['app2']}; bucket at {p['s3']}. Logs in {RUN_DIR / 'logs'}.")  # fmt: skip


def save(state):
    STATE_FILE.write_text(json.dumps(state, indent=2))


def load():
    return json.loads(STATE_FILE.read_text())


def is_ours(info):
    """The pid still is the process we started: same start time (pids are reused; never signal a
    stranger's process). Programs such as nginx rewrite their command line, so it proves nothing."""
    return _start_time(info["pid"]) == info["started"]


def _start_time(pid):
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def stop_process(info, seconds=25):
    if not is_ours(info):
        return
    os.kill(info["pid"], signal.SIGTERM)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(info["pid"], os.WNOHANG)  # reap it when it is our own child
        if not is_ours(info) or _is_zombie(info["pid"]):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(info["pid"], signal.SIGKILL)


def _is_zombie(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def stop():
    if not STATE_FILE.exists():
        print("No cluster running.")
        return
    state = load()
    # The load balancer first, so no request reaches an instance that is going away.
    for name in ("nginx", "worker", *INSTANCES, "s3"):
        if name in state["processes"]:
            stop_process(state["processes"][name])
    if state.get("database"):
        subprocess.run(["psql", PG + "/postgres", "-qc", f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'])
    subprocess.run(["redis-cli", "-n", str(REDIS_DB), "flushdb"], capture_output=True)
    STATE_FILE.unlink()
    print("Cluster stopped.")


def bench(duration="15s"):
    """wrk on one article page: through nginx (both instances) and straight to one instance."""
    p = ports()
    path = "/articles/" + first_article_slug(p) + "/"
    results = {}
    for label, port in (("cluster (nginx, 2 instances)", p["nginx"]), ("one instance (gunicorn)", p["app1"])):
        url = f"http://127.0.0.1:{port}{path}"
        subprocess.run(["wrk", "-t2", "-c16", "-d3s", url], capture_output=True)  # warm up the page cache
        out = subprocess.run(["wrk", "-t2", "-c16", f"-d{duration}", "--latency", url],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        results[label] = out
        print(f"## {label}: {url}\n{out}")
    return results


def first_article_slug(p):
    with urllib.request.urlopen(f"http://127.0.0.1:{p['nginx']}/", timeout=10) as response:
        return re.search(r'href="/articles/([^/"]+)/"', response.read().decode()).group(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "stop", "run", "bench"])
    command = parser.parse_args().command
    try:
        run_command(command)
    except subprocess.CalledProcessError as error:
        failed = " ".join(map(str, error.cmd))
        raise SystemExit(f"{failed} failed (exit {error.returncode}); logs in {RUN_DIR / 'logs'}") from None


def run_command(command):
    if command == "start":
        start()
    elif command == "stop":
        stop()
    elif command == "bench":
        bench()
    else:
        start()
        # Ctrl-C (even when a shell started us with SIGINT ignored) and SIGTERM both stop the cluster.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            print("Ctrl-C stops the cluster.")
            signal.pause()
        except KeyboardInterrupt:
            pass
        finally:
            stop()


if __name__ == "__main__":
    main()
