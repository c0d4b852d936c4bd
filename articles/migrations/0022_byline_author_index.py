# The author's index covers the author column too, so the foreign key's own index goes; the new
# index is built first, so deleting an author (PROTECT) never runs without one.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_article_publish_at_index"),
        ("authors", "0012_photo_from_library"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="byline",
            index=models.Index(fields=["author", "article"], name="byline_author_article"),
        ),
        migrations.AlterField(
            model_name="byline",
            name="author",
            field=models.ForeignKey(
                db_index=False,
                help_text="Authors with bylines cannot be deleted.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bylines",
                to="authors.author",
            ),
        ),
    ]
