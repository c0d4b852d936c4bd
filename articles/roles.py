"""The newsroom's two roles as permission sets. Groups are created by a data migration and kept in
step by calling ``sync_roles()`` again (tests and the demo loader do), so the lists below are the
one place where a role's powers are written down. Object-level rules (a writer edits only their
own drafts) live in ``articles.permissions``.
"""

from django.apps import apps as global_apps
from django.db.models import Q

EDITORS = "Editors"
WRITERS = "Writers"

_CONTENT = ["articles.%s_byline", "articles.%s_region", "articles.%s_topic", "articles.%s_correction"]

ROLES = {
    EDITORS: [
        *(
            perm % action
            for perm in ["articles.%s_article", *_CONTENT]
            for action in ["add", "change", "delete", "view"]
        ),
        *(f"articles.{action}_previewlink" for action in ["add", "change", "delete", "view"]),
        *(f"authors.{action}_author" for action in ["add", "change", "delete", "view"]),
        *(f"images.{action}_image" for action in ["add", "change", "delete", "view"]),
        "articles.publish_article",
        "authors.manage_author",
    ],
    WRITERS: [
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        *(f"articles.{action}_byline" for action in ["add", "change", "delete", "view"]),
        "articles.view_region",
        "articles.add_region",
        "articles.view_topic",
        "articles.add_topic",
        "articles.view_correction",
        "authors.view_author",
        "authors.change_author",
        # Writers add pictures to the library and fix their text; removing one is an editor's call.
        "images.add_image",
        "images.change_image",
        "images.view_image",
    ],
}


def sync_roles(apps=global_apps):
    """Give each group exactly its role's permissions. In a migration (``apps`` a historical state),
    permissions of apps not migrated yet are left for a later migration to add."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    present = {config.label for config in apps.get_app_configs()}
    for name, perms in ROLES.items():
        perms = [perm for perm in perms if perm.split(".")[0] in present]
        wanted = Q()
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        found = list(Permission.objects.filter(wanted))
        if len(found) != len(perms):
            missing = set(perms) - {f"{p.content_type.app_label}.{p.codename}" for p in found}
            raise LookupError(f"Permissions missing for role {name}: {sorted(missing)}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(found)
