"""The cluster tests run against the cluster `make cluster-test` starts (deploy/cluster.py); they
are left out of `make test` (the `cluster` marker). Nothing here touches the test database: every
check goes over real HTTP to nginx or to one instance's port, or reads the bucket."""

import json
import sys
from collections import Counter
from pathlib import Path

import boto3
import pytest

from tests.cluster.browser import SERVED_BY, Visitor

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
import cluster as cluster_script  # noqa: E402  (deploy/cluster.py: ports, the state file, restarting an instance)

# Figures printed at the end of the run (docs/cluster.md quotes them).
FIGURES = Counter()


@pytest.fixture(scope="session")
def cluster():
    if not cluster_script.STATE_FILE.exists():
        pytest.fail("No cluster running: `make cluster-test` starts one (or `make cluster` in another shell).")
    state = json.loads(cluster_script.STATE_FILE.read_text())
    ports = state["ports"]
    return {
        "state": state,
        "nginx": f"http://127.0.0.1:{ports['nginx']}",
        "app1": f"http://127.0.0.1:{ports['app1']}",
        "app2": f"http://127.0.0.1:{ports['app2']}",
        "s3": f"http://127.0.0.1:{ports['s3']}",
    }


@pytest.fixture(scope="session")
def bucket(cluster):
    s3 = boto3.client(
        "s3",
        endpoint_url=cluster["s3"],
        aws_access_key_id="cluster",
        aws_secret_access_key="cluster-secret",
        region_name="us-east-1",
    )

    def keys(prefix):
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket=cluster_script.BUCKET, Prefix=prefix)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    return keys


@pytest.fixture
def editor_on(cluster):
    """``editor_on("app1")``: the demo editor (README), signed in on that instance."""

    def sign_in(instance):
        visitor = Visitor(cluster[instance])
        assert visitor.login("editor", "editor-demo-pass").status_code == 302
        return visitor

    return sign_in


@pytest.fixture
def reader(cluster):
    return lambda instance="nginx": Visitor(cluster[instance])


def pytest_terminal_summary(terminalreporter):
    if SERVED_BY or FIGURES:
        terminalreporter.section("cluster figures")
        for name, count in sorted(SERVED_BY.items()):
            terminalreporter.write_line(f"requests answered by {name}: {count}")
        for name, value in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {value}")
