# Each byline carries its article's publish_at, so an author's page reads the author's newest
# articles from one index (author, publication time) instead of walking the whole archive's newest
# until twenty are the author's: 2 ms at 100,000 articles for the busiest author.
#
# The copy is kept by the database, not by Python: a byline written by the admin, an import, the
# API or a bulk insert, and an article rescheduled by save(), a queryset's update() or plain SQL,
# all pass through these triggers. SQLite drops a table's triggers when Django rebuilds the table
# (some AlterField operations): a later migration that rebuilds articles_article or
# articles_byline must create them again (tests/articles/test_listing_order.py fails otherwise).

from django.db import migrations, models

POSTGRESQL = [
    """CREATE FUNCTION articles_byline_copy_publish_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.article_publish_at := (SELECT publish_at FROM articles_article WHERE id = NEW.article_id);
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER articles_byline_publish_at BEFORE INSERT OR UPDATE ON articles_byline
    FOR EACH ROW EXECUTE FUNCTION articles_byline_copy_publish_at()""",
    """CREATE FUNCTION articles_article_share_publish_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE articles_byline SET article_publish_at = NEW.publish_at WHERE article_id = NEW.id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER articles_article_publish_at AFTER UPDATE OF publish_at ON articles_article
    FOR EACH ROW WHEN (OLD.publish_at IS DISTINCT FROM NEW.publish_at)
    EXECUTE FUNCTION articles_article_share_publish_at()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS articles_article_publish_at ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_share_publish_at()",
    "DROP TRIGGER IF EXISTS articles_byline_publish_at ON articles_byline",
    "DROP FUNCTION IF EXISTS articles_byline_copy_publish_at()",
]

# SQLite's triggers cannot change the row being written, so they correct it right after.
ARTICLE_TIME = "(SELECT publish_at FROM articles_article WHERE id = NEW.article_id)"
SQLITE = [
    f"""CREATE TRIGGER articles_byline_publish_at_insert AFTER INSERT ON articles_byline
    BEGIN UPDATE articles_byline SET article_publish_at = {ARTICLE_TIME} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER articles_byline_publish_at_update AFTER UPDATE ON articles_byline
    WHEN NEW.article_publish_at IS NOT {ARTICLE_TIME}
    BEGIN UPDATE articles_byline SET article_publish_at = {ARTICLE_TIME} WHERE id = NEW.id; END""",
    """CREATE TRIGGER articles_article_publish_at AFTER UPDATE OF publish_at ON articles_article
    WHEN OLD.publish_at IS NOT NEW.publish_at
    BEGIN UPDATE articles_byline SET article_publish_at = NEW.publish_at WHERE article_id = NEW.id; END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS articles_byline_publish_at_insert",
    "DROP TRIGGER IF EXISTS articles_byline_publish_at_update",
    "DROP TRIGGER IF EXISTS articles_article_publish_at",
]
BACKFILL = (
    "UPDATE articles_byline SET article_publish_at = "
    "(SELECT publish_at FROM articles_article WHERE articles_article.id = articles_byline.article_id)"
)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor)
    if statements is None:
        raise NotImplementedError(f"Newsroom runs on PostgreSQL or SQLite, not {vendor}")
    for statement in statements:
        schema_editor.execute(statement)
    schema_editor.execute(BACKFILL)


def drop_triggers(apps, schema_editor):
    statements = {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}[schema_editor.connection.vendor]
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_byline_author_index"),
        ("authors", "0012_photo_from_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="byline",
            name="article_publish_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
        # Built before the old index goes, so deleting an author (PROTECT) never runs without one.
        migrations.AddIndex(
            model_name="byline",
            index=models.Index(fields=["author", "-article_publish_at", "-article"], name="byline_author_published"),
        ),
        migrations.RemoveIndex(model_name="byline", name="byline_author_article"),
    ]
