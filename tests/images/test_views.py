"""The rendition view: what a single server without a bucket answers for /images/<name>."""

import pytest
from django.urls import reverse

from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_a_rendition_is_served_with_far_future_caching_and_an_etag(client):
    rendition = ImageFactory().rendition_set("16:9").webp[0]
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    again = client.get(rendition.url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_originals_and_unknown_names_are_never_served(client):
    image = ImageFactory()
    assert client.get("/images/" + "0" * 64 + ".webp").status_code == 404
    assert client.get("/images/" + image.file.name).status_code == 404
    assert client.get("/images/../" + image.file.name).status_code == 404
    assert client.get("/media/" + image.file.name).status_code == 404
    assert client.get("/images/" + image.key + ".jpg").status_code == 404


def test_with_an_x_accel_prefix_nginx_sends_the_bytes(client, settings):
    settings.IMAGES_X_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    rendition = ImageFactory().rendition_set().fallback[0]
    response = client.get(rendition.url)
    assert response["X-Accel-Redirect"] == "/protected-media/" + rendition.name
    assert response["Content-Type"] == "image/jpeg"
    assert response.content == b""


def test_urls_come_from_storage_when_it_serves_files_itself(settings):
    settings.IMAGES_URLS_FROM_STORAGE = True
    settings.MEDIA_URL = "https://media.example.com/"
    rendition = ImageFactory().rendition_set().webp[0]
    assert rendition.url.startswith("https://media.example.com/renditions/")
    settings.IMAGES_URLS_FROM_STORAGE = False
    assert rendition.url == reverse("images:rendition", kwargs={"name": rendition.name.split("/")[1]})


def test_the_admin_preview_endpoint_gives_a_rendition_never_the_original(client):
    from tests.factories import UserFactory

    image = ImageFactory(alt_text="Cranes")
    url = reverse("admin:images_image_preview_json", args=[image.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory(username="ed", is_superuser=True))
    data = client.get(url).json()
    assert data["url"].startswith("/images/") and data["alt"] == "Cranes"
