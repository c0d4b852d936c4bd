# Each region and topic link carries its article's publish_at too, so a topic's page and a region's
# (one without regions inside it) read their newest articles from one index (tag, publication
# time), as an author's page reads its bylines (0023), instead of walking the archive's newest
# until twenty carry the tag: 235-350 rows for the busiest at 5,000 articles.
#
# The same rules as 0023: the database keeps the copies, on every write path, and the article's
# trigger now updates all three. SQLite drops a table's triggers when Django rebuilds the table: a
# later migration that rebuilds articles_article, articles_taggedregion or articles_taggedtopic
# must create them again (tests/articles/test_listing_order.py fails otherwise).

from django.db import migrations, models

LINK_TABLES = ["articles_taggedregion", "articles_taggedtopic"]


def postgresql(table):
    return [
        f"""CREATE FUNCTION {table}_copy_publish_at() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.article_publish_at := (SELECT publish_at FROM articles_article WHERE id = NEW.content_object_id);
            RETURN NEW;
        END $$""",
        f"""CREATE TRIGGER {table}_publish_at BEFORE INSERT OR UPDATE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {table}_copy_publish_at()""",
    ]


def postgresql_reverse(table):
    return [
        f"DROP TRIGGER IF EXISTS {table}_publish_at ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_copy_publish_at()",
    ]


def share_publish_at(*tables):
    """The article's trigger function (0023's), copying a new publish_at to its bylines and ``tables``."""
    updates = "".join(
        f"UPDATE {table} SET article_publish_at = NEW.publish_at WHERE content_object_id = NEW.id;\n"
        for table in tables
    )
    return f"""CREATE OR REPLACE FUNCTION articles_article_share_publish_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE articles_byline SET article_publish_at = NEW.publish_at WHERE article_id = NEW.id;
        {updates}RETURN NULL;
    END $$"""


# SQLite's triggers cannot change the row being written, so they correct it right after.
ARTICLE_TIME = "(SELECT publish_at FROM articles_article WHERE id = NEW.content_object_id)"


def sqlite(table):
    return [
        f"""CREATE TRIGGER {table}_publish_at_insert AFTER INSERT ON {table}
        BEGIN UPDATE {table} SET article_publish_at = {ARTICLE_TIME} WHERE id = NEW.id; END""",
        f"""CREATE TRIGGER {table}_publish_at_update AFTER UPDATE ON {table}
        WHEN NEW.article_publish_at IS NOT {ARTICLE_TIME}
        BEGIN UPDATE {table} SET article_publish_at = {ARTICLE_TIME} WHERE id = NEW.id; END""",
        f"""CREATE TRIGGER articles_article_publish_at_{table} AFTER UPDATE OF publish_at ON articles_article
        WHEN OLD.publish_at IS NOT NEW.publish_at
        BEGIN UPDATE {table} SET article_publish_at = NEW.publish_at WHERE content_object_id = NEW.id; END""",
    ]


def sqlite_reverse(table):
    return [
        f"DROP TRIGGER IF EXISTS {table}_publish_at_insert",
        f"DROP TRIGGER IF EXISTS {table}_publish_at_update",
        f"DROP TRIGGER IF EXISTS articles_article_publish_at_{table}",
    ]


def backfill(table):
    return (
        f"UPDATE {table} SET article_publish_at = "
        f"(SELECT publish_at FROM articles_article WHERE articles_article.id = {table}.content_object_id)"
    )


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [s for table in LINK_TABLES for s in postgresql(table)] + [share_publish_at(*LINK_TABLES)]
    elif vendor == "sqlite":
        statements = [s for table in LINK_TABLES for s in sqlite(table)]
    else:
        raise NotImplementedError(f"Newsroom runs on PostgreSQL or SQLite, not {vendor}")
    for statement in [*statements, *map(backfill, LINK_TABLES)]:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        statements = [share_publish_at()] + [s for table in LINK_TABLES for s in postgresql_reverse(table)]
    else:
        statements = [s for table in LINK_TABLES for s in sqlite_reverse(table)]
    for statement in statements:
        schema_editor.execute(statement)


def link_index(model_name, name):
    return migrations.AddIndex(
        model_name=model_name,
        index=models.Index(fields=["tag", "-article_publish_at", "-content_object"], name=name),
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0023_byline_publish_at")]

    operations = [
        *(
            migrations.AddField(
                model_name=model_name,
                name="article_publish_at",
                field=models.DateTimeField(editable=False, null=True),
            )
            for model_name in ("taggedregion", "taggedtopic")
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
        link_index("taggedregion", "region_link_published"),
        link_index("taggedtopic", "topic_link_published"),
    ]
