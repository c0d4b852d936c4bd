"""What nginx (deploy/nginx.conf) itself does in front of the app servers."""

import re

import pytest

from tests.cluster.conftest import cluster_script

pytestmark = pytest.mark.cluster


def test_static_files_come_from_nginx_with_year_long_cache_headers(reader):
    visitor = reader()
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', visitor.get("/").text).group(1)
    response = visitor.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "X-Served-By" not in response.headers  # no app server involved
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers.get("Content-Encoding") == "gzip"


def test_pages_are_compressed_but_not_the_admin(reader, editor_on):
    page = reader().get("/", headers={"Accept-Encoding": "gzip"})
    assert page.headers.get("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in page.headers.get("Vary", "")
    admin = editor_on("nginx").get("/admin/", headers={"Accept-Encoding": "gzip"})
    assert admin.status_code == 200
    assert "Content-Encoding" not in admin.headers  # CSRF tokens next to reflected input (BREACH)


def test_an_upload_over_the_limit_is_refused_at_the_door(reader):
    too_big = b"\0" * (cluster_script.IMAGE_MAX_UPLOAD_BYTES + 2 * 1024 * 1024)
    response = reader().post("/admin/images/image/add/", data={}, files={"file": ("huge.jpg", too_big)})
    assert response.status_code == 413
