"""Writers and Editors get their media-library permissions (see articles/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def add_library_permissions(apps, schema_editor):
    from articles.roles import sync_roles

    # As in 0003: permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_lead_image_from_library"),
        ("images", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_library_permissions, migrations.RunPython.noop)]
