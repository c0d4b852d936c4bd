"""Give every row a slug the URL converter accepts: Unicode tag slugs with marks dropped by taggit,
slugs typed with capitals or underscores, and empty slugs of punctuation-only names."""

from django.db import migrations

from newsroom.slugs import is_slug, slugify


def repair(model, source_field, fallback, max_length):
    rows = list(model.objects.order_by("pk").values_list("pk", "slug", source_field))
    taken = {slug for _, slug, _ in rows if is_slug(slug)}
    for pk, slug, source in rows:
        if is_slug(slug):
            continue
        base = slugify(source)[: max_length - 8].strip("-") or fallback
        candidate, n = (base, 2) if base != fallback else (f"{fallback}-1", 2)
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        model.objects.filter(pk=pk).update(slug=candidate)


def repair_all(apps, schema_editor):
    repair(apps.get_model("articles", "Region"), "name", "region", 100)
    repair(apps.get_model("articles", "Topic"), "name", "topic", 100)
    repair(apps.get_model("authors", "Author"), "name", "author", 140)
    repair(apps.get_model("articles", "Article"), "headline", "article", 200)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_unicode_slugs"),
        ("authors", "0003_unicode_slugs"),
    ]

    operations = [migrations.RunPython(repair_all, migrations.RunPython.noop)]
