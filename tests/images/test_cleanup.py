"""Files follow their rows: replacing or deleting an image removes what it no longer uses, after commit."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import ProtectedError
from django.urls import reverse
from PIL import Image as PILImage

from images.models import Image
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, UserFactory

from .samples import encode

pytestmark = pytest.mark.django_db


def exists(names):
    return {name: default_storage.exists(name) for name in names}


def test_replacing_the_file_removes_the_old_original_and_renditions_after_commit(django_capture_on_commit_callbacks):
    image = ImageFactory()
    old = image.stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        image.file = ContentFile(encode(PILImage.new("RGB", (300, 200)), "PNG"), name="new.png")
        image.save()
    assert not any(exists(old).values())
    assert all(exists(image.stored_files()).values())
    assert (image.width, image.height) == (300, 200)


def test_moving_the_focal_point_remakes_the_crops_and_removes_the_old_ones(django_capture_on_commit_callbacks):
    image = ImageFactory()
    old = set(image.stored_files())
    with django_capture_on_commit_callbacks(execute=True):
        image.focal_x = 0.1
        image.save()
    new = set(image.stored_files())
    assert image.file.name in old & new  # the original stays
    assert not any(exists(old - new).values())
    assert all(exists(new).values())


def test_a_rollback_keeps_the_old_files(django_capture_on_commit_callbacks):
    image = ImageFactory()
    old = image.stored_files()
    with django_capture_on_commit_callbacks(execute=False):
        image.focal_y = 0.9
        image.save()
    assert all(exists(old).values())


def test_deleting_an_unused_image_removes_all_its_files(django_capture_on_commit_callbacks):
    image = ImageFactory()
    names = image.stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not any(exists(names).values())


def test_deleting_an_image_in_use_is_refused_and_names_the_articles_and_authors():
    image = ImageFactory()
    ArticleFactory(headline="Port strike enters second week", lead_image=image)
    AuthorFactory(name="Noor Saleh", photo=image)
    with pytest.raises(ProtectedError) as refused:
        image.delete()
    assert "Port strike enters second week" in str(refused.value.protected_objects)
    assert all(exists(image.stored_files()).values())
    assert image.usage() == ["Article: Port strike enters second week", "Author photo: Noor Saleh"]


def test_the_admin_refuses_deleting_an_image_in_use_with_a_page_naming_the_article(client):
    client.force_login(UserFactory(username="ed", is_superuser=True))
    image = ImageFactory()
    ArticleFactory(headline="Port strike enters second week", lead_image=image)
    url = reverse("admin:images_image_delete", args=[image.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Port strike enters second week" in page.content.decode()
    response = client.post(url, {"post": "yes"})
    assert response.status_code in (200, 403)
    assert Image.objects.filter(pk=image.pk).exists()

    bulk = client.post(
        reverse("admin:images_image_changelist"),
        {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"},
    )
    assert bulk.status_code == 200
    assert "Port strike enters second week" in bulk.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()
