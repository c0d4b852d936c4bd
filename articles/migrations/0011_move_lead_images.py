"""Step 2 of 3: every lead image becomes a library image (alt text, caption and credit with it).

One library image per stored file, so an image shared by two articles stays one image. Saved
revisions are rewritten to point at the library image, so History can still compare and restore
them; images that only old revisions used are imported too, so nothing is lost. The old files are
left in storage (see docs/images.md for removing them once the migration is checked).
"""

import json

from django.db import migrations

from images.importing import import_stored_file

OLD_FIELDS = ["lead_image_width", "lead_image_height", "lead_image_alt", "lead_image_caption", "lead_image_credit"]


def move_lead_images(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("images", "Image")
    library = {}

    def image_for(name, alt, caption, credit, fallback_alt):
        if name and name not in library:
            library[name] = import_stored_file(
                Image, name, alt_text=alt or fallback_alt, caption=caption or "", credit=credit or ""
            )
        return library.get(name)

    for article in Article.objects.exclude(lead_image="").exclude(lead_image__isnull=True).order_by("pk"):
        image = image_for(
            article.lead_image.name,
            article.lead_image_alt,
            article.lead_image_caption,
            article.lead_image_credit,
            article.headline,
        )
        if image is not None:
            Article.objects.filter(pk=article.pk).update(library_image=image)

    Version = apps.get_model("reversion", "Version")
    for version in Version.objects.filter(content_type__app_label="articles", content_type__model="article"):
        if version.format != "json":
            continue
        data = json.loads(version.serialized_data)
        fields = data[0]["fields"]
        name = fields.get("lead_image")
        if isinstance(name, int) or name is None and not any(field in fields for field in OLD_FIELDS):
            continue
        image = image_for(
            name,
            fields.get("lead_image_alt"),
            fields.get("lead_image_caption"),
            fields.get("lead_image_credit"),
            fields.get("headline", ""),
        )
        fields["lead_image"] = image.pk if image else None
        for field in OLD_FIELDS:
            fields.pop(field, None)
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_lead_image_library"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(move_lead_images, migrations.RunPython.noop, elidable=False)]
