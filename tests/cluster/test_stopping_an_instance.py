"""An instance stopped under load (a deploy, a crash): nginx sends its requests to the other one,
and an editor's save made meanwhile is kept."""

import os
import signal
import threading
import time
from collections import Counter

import pytest
import requests

from tests.cluster.browser import Visitor
from tests.cluster.conftest import FIGURES, cluster_script
from tests.cluster.newsroom_admin import edit_article, write_article

pytestmark = pytest.mark.cluster
LOAD_SECONDS = 8
STOP_AFTER_SECONDS = 2


@pytest.fixture
def app2_restarted_afterwards():
    """Whatever happens, the cluster has both instances again for the tests after this one."""
    yield
    state = cluster_script.load()
    if not cluster_script.is_ours(state["processes"]["app2"]):
        cluster_script.start_instance(state, "app2")
        cluster_script.save(state)


def test_stopping_one_instance_mid_load_loses_no_request_and_no_edit(cluster, editor_on, app2_restarted_afterwards):
    editor = editor_on("nginx")
    article_id, slug = write_article(editor, "Tram line extended")
    paths = ["/", f"/articles/{slug}/", "/regions/", "/topics/", "/authors/"]
    outcomes, answered_by, stopped = Counter(), Counter(), threading.Event()

    def reader():
        visitor = Visitor(cluster["nginx"])
        deadline = time.monotonic() + LOAD_SECONDS
        while time.monotonic() < deadline:
            for path in paths:
                try:
                    response = visitor.get(path)
                    outcomes[response.status_code] += 1
                    answered_by[(response.headers.get("X-Served-By"), stopped.is_set())] += 1
                except requests.RequestException as error:
                    outcomes[type(error).__name__] += 1

    readers = [threading.Thread(target=reader) for _ in range(2)]
    for thread in readers:
        thread.start()
    time.sleep(STOP_AFTER_SECONDS)
    app2 = cluster_script.load()["processes"]["app2"]
    assert cluster_script.is_ours(app2)
    os.kill(app2["pid"], signal.SIGTERM)  # gunicorn's graceful stop: finish what it has, take nothing new
    stopped.set()
    deck = "Saved while app2 was stopping."
    edit_article(editor, article_id, deck=deck)  # through nginx, whichever instance it reaches
    for thread in readers:
        thread.join()

    failures = sum(count for outcome, count in outcomes.items() if outcome != 200)
    FIGURES["reader requests during the instance stop"] = sum(outcomes.values())
    FIGURES["failed reader requests during the instance stop"] = failures
    FIGURES["answers after the stop (app1, app2)"] = (answered_by[("app1", True)], answered_by[("app2", True)])
    assert failures == 0, dict(outcomes)
    assert answered_by[("app1", False)] and answered_by[("app2", False)], "both instances served before the stop"
    assert answered_by[("app1", True)] > 0
    assert not cluster_script.is_ours(app2) or cluster_script._is_zombie(app2["pid"]), "app2 is still running"
    assert deck in requests.get(f"{cluster['app1']}/articles/{slug}/", timeout=10).text, "the edit was lost"
