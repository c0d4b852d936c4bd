"""Reading the region tree for public pages: breadcrumbs, sub-regions and trails, each in one query
whatever the depth of the tree (the ancestors are named by the materialised ``Region.path``)."""

import functools

from django.db import connection

from .loading import REGION_FIELDS, instance
from .models import Article, Region, TaggedRegion


def family(region: Region) -> tuple[list[Region], list[Region], tuple[int, ...]]:
    """The region's ancestors (outermost first), those of its children that lead to something
    public (a sub-region whose articles are all unpublished must not reveal its name), and the ids
    of the region and every region inside it (its page lists their stories). One query, written
    out: it runs on every region page, and the ORM took longer to build it than to run it."""
    public_sql, public_params = Article.objects.public_sql("l.content_object_id")
    ancestor_ids = region.ancestor_ids
    with connection.cursor() as cursor:
        cursor.execute(
            _family_sql(public_sql, len(ancestor_ids)),
            [region.pk, *public_params, *ancestor_ids, region.pk, f"{region.path}%"],
        )
        rows = cursor.fetchall()
    ancestors, children, inside = {}, [], []
    for *fields, public in rows:
        row = instance(Region, "default", REGION_FIELDS, fields)
        if row.path.startswith(region.path):
            inside.append(row.pk)
        if row.parent_id == region.pk and public:
            children.append(row)
        if row.pk in ancestor_ids:
            ancestors[row.pk] = row
    return [ancestors[pk] for pk in ancestor_ids if pk in ancestors], children, tuple(sorted(inside))


def leads_to_public_sql(region, public_sql):
    """SQL true when the region aliased ``region``, or a region inside it, carries an article
    for which ``public_sql`` (``public_sql("l.content_object_id")``) holds: whether readers may
    see the region's name. Paths are digits and slashes, so LIKE needs no escaping."""
    return f"""EXISTS (
        SELECT 1 FROM {Region._meta.db_table} s JOIN {TaggedRegion._meta.db_table} l ON l.tag_id = s.id
        WHERE s.path LIKE {region}.path || '%%' AND {public_sql})"""


@functools.cache
def _family_sql(public_sql, ancestor_count):
    columns = ", ".join(f"t.{name}" for name in REGION_FIELDS)
    ancestors = ", ".join(["%s"] * ancestor_count) or "NULL"
    return f"""
        SELECT {columns}, t.parent_id = %s AND {leads_to_public_sql("t", public_sql)}
        FROM {Region._meta.db_table} t
        WHERE t.id IN ({ancestors}) OR t.parent_id = %s OR t.path LIKE %s
        ORDER BY t.name"""


def trails(regions, known=None) -> list[list[Region]]:
    """Each region with its ancestors, outermost first ("Middle East › Iraq › Fallujah"), in one
    query for all of them, or none when ``known`` already holds the ancestors by id (the article
    page loads them with its labels, articles/loading.py). The regions' own ids are asked for too,
    so the query runs for any article with a region: the page's query count does not move with depth."""
    regions = list(regions)
    if known is None:
        wanted = {pk for region in regions for pk in [*region.ancestor_ids, region.pk]}
        known = {region.pk: region for region in Region.objects.filter(pk__in=wanted)}
    found = [[known[pk] for pk in region.ancestor_ids if pk in known] + [region] for region in regions]
    return sorted(found, key=lambda trail: [region.name.casefold() for region in trail])
