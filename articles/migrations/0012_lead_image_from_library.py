# Step 3 of 3: the library link takes the lead image's place; its text now lives on the image.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_move_lead_images"),
    ]

    operations = [
        migrations.RemoveField(model_name="article", name="lead_image"),
        migrations.RemoveField(model_name="article", name="lead_image_width"),
        migrations.RemoveField(model_name="article", name="lead_image_height"),
        migrations.RemoveField(model_name="article", name="lead_image_alt"),
        migrations.RemoveField(model_name="article", name="lead_image_caption"),
        migrations.RemoveField(model_name="article", name="lead_image_credit"),
        migrations.RenameField(model_name="article", old_name="library_image", new_name="lead_image"),
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(
                blank=True,
                help_text="Paragraphs, subheadings, emphasis, links, lists, quotes and pull quotes, rules, tables and "
                "library images. Other markup is removed on save.",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="lead_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Chosen from the media library, where its alt text, caption and credit are kept.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="lead_articles",
                to="images.image",
            ),
        ),
    ]
