"""The move of lead images and author photos into the library (articles 0010-0012, authors 0010-0012)."""

import json
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from PIL import Image as PILImage

from .samples import GPS_IFD, jpeg_with_gps

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("articles", "0005_repair_slugs"), ("authors", "0003_unicode_slugs")]


OTHERS = [
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ("contenttypes", "0002_remove_content_type_name"),
]


def migrate(targets):
    """Migrate to ``targets``; return the models as they were then (with reversion's and contenttypes')."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets + OTHERS).apps


def test_existing_lead_images_photos_and_revisions_move_into_the_library():
    old = migrate(BEFORE)
    lead = default_storage.save("articles/2026/05/blackout-story.jpg", ContentFile(jpeg_with_gps((160, 90))))
    photo = default_storage.save("authors/2026/noor.jpg", ContentFile(jpeg_with_gps((60, 60))))
    Article, Author = old.get_model("articles", "Article"), old.get_model("authors", "Author")
    author = Author.objects.create(name="Noor Saleh", slug="noor-saleh", photo=photo)
    with_image = Article.objects.create(
        headline="Blackouts",
        slug="blackouts",
        lead_image=lead,
        lead_image_alt="A dark street in Basra",
        lead_image_caption="Basra, in July.",
        lead_image_credit="Photo: A. Reporter",
    )
    shared = Article.objects.create(headline="Follow-up", slug="follow-up", lead_image=lead, lead_image_alt="Other")
    missing = Article.objects.create(
        headline="Lost", slug="lost", lead_image="articles/gone.jpg", lead_image_width=1, lead_image_height=1
    )
    plain = Article.objects.create(headline="No picture", slug="no-picture")
    ContentType = old.get_model("contenttypes", "ContentType")
    Revision, Version = old.get_model("reversion", "Revision"), old.get_model("reversion", "Version")
    article_type, _ = ContentType.objects.get_or_create(app_label="articles", model="article")
    fields = {"headline": "Blackouts (first draft)", "slug": "blackouts", "body": "", "status": "draft"}
    fields |= {"lead_image": lead, "lead_image_alt": "A dark street", "lead_image_caption": "", "version": 1}
    Version.objects.create(
        revision=Revision.objects.create(comment="old", date_created=timezone.now()),
        object_id=str(with_image.pk),
        content_type=article_type,
        db="default",
        format="json",
        serialized_data=json.dumps([{"model": "articles.article", "pk": with_image.pk, "fields": fields}]),
        object_repr="Blackouts",
    )

    new = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from articles.models import Article as CurrentArticle
    from authors.models import Author as CurrentAuthor
    from images.models import Image

    article = CurrentArticle.objects.select_related("lead_image").get(pk=with_image.pk)
    image = article.lead_image
    assert (image.alt_text, image.caption, image.credit) == (
        "A dark street in Basra",
        "Basra, in July.",
        "Photo: A. Reporter",
    )
    assert (image.width, image.height) == (90, 160)  # the EXIF orientation is applied on the way in
    assert CurrentArticle.objects.get(pk=shared.pk).lead_image == image  # one file, one library image
    assert CurrentArticle.objects.get(pk=missing.pk).lead_image is None
    assert CurrentArticle.objects.get(pk=plain.pk).lead_image is None
    assert CurrentAuthor.objects.get(pk=author.pk).photo.alt_text == "Noor Saleh"
    assert Image.objects.count() == 2
    for library_image in Image.objects.all():
        for name in library_image.stored_files():
            with default_storage.open(name, "rb") as stored:
                picture = PILImage.open(BytesIO(stored.read()))
            assert not picture.getexif().get_ifd(GPS_IFD), name
    assert default_storage.exists(lead)  # the old file is kept until someone removes it on purpose

    from reversion.models import Version as CurrentVersion

    saved = CurrentVersion.objects.get(object_id=str(with_image.pk)).field_dict
    assert saved["lead_image_id"] == image.pk
    assert saved["headline"] == "Blackouts (first draft)"
    assert (
        new.get_model("articles", "Article")._meta.get_field("lead_image").related_model._meta.label == "images.Image"
    )
