"""Step 2 of 3: every author photo becomes a library image whose alt text is the author's name.
The old files are left in storage (see docs/images.md)."""

from django.db import migrations

from images.importing import import_stored_file


def move_photos(apps, schema_editor):
    Author = apps.get_model("authors", "Author")
    Image = apps.get_model("images", "Image")
    for author in Author.objects.exclude(photo="").exclude(photo__isnull=True).order_by("pk"):
        image = import_stored_file(Image, author.photo.name, alt_text=author.name)
        if image is not None:
            Author.objects.filter(pk=author.pk).update(library_photo=image)


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0010_photo_library"),
    ]

    operations = [migrations.RunPython(move_photos, migrations.RunPython.noop, elidable=False)]
