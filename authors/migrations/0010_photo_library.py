# Step 1 of 3 moving author photos into the media library: a nullable link beside the old field.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0003_unicode_slugs"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="author",
            name="library_photo",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="images.image",
            ),
        ),
    ]
