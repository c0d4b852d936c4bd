# Step 3 of 3: the library link takes the photo's place.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0011_move_photos"),
    ]

    operations = [
        migrations.RemoveField(model_name="author", name="photo"),
        migrations.RenameField(model_name="author", old_name="library_photo", new_name="photo"),
        migrations.AlterField(
            model_name="author",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text="Chosen from the media library; shown square, cropped around its focal point.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="author_photos",
                to="images.image",
            ),
        ),
    ]
