"""Nothing lives on an app server's disk, and the deployment checklist stays clean. (Named to run
last: by then every other cluster test has uploaded, published and signed in.)"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cluster.conftest import ROOT, cluster_script

pytestmark = pytest.mark.cluster


def test_no_upload_and_no_cache_state_on_the_app_servers_disk(cluster):
    env = cluster_script.app_environment(cluster["state"]["secret_key"])
    assert not Path(env["MEDIA_ROOT"]).exists(), "something was written to MEDIA_ROOT"
    assert not Path(env["PAGE_CACHE_GENERATION_FILE"]).exists(), "the page cache kept its generation on disk"


def test_check_deploy_is_clean_with_the_cluster_settings(cluster):
    env = cluster_script.app_environment(cluster["state"]["secret_key"]) | cluster_script.HTTPS_IN_PRODUCTION
    check = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = subprocess.run(check, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
