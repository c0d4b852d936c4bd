"""The home page as editors arrange it: a lead, featured stories in their order, then the latest.

Every curated story is read through ``published()``, so a placement never shows anything readers
may not see: a withdrawn or rescheduled article drops out by itself, and an expired placement
(``until`` passed) is ignored at query time with no job to remove it.
"""

import functools
from dataclasses import dataclass, field

from django.db import connection

from . import loading
from .models import Article, FrontPagePlacement, Region, TaggedRegion


@dataclass
class FrontPage:
    lead: Article | None = None
    featured: list[Article] = field(default_factory=list)

    @property
    def shown_ids(self) -> list[int]:
        return [article.pk for article in [self.lead, *self.featured] if article is not None]


def curated() -> FrontPage:
    """The current lead and featured stories, in one query. With no lead chosen, the view picks one
    from the latest stories (``pick_lead``). Written out (on every home page): the placements come
    from ``current()`` and the articles pass ``published()``, both compiled from their querysets."""
    placements = FrontPagePlacement.objects.current().order_by().values("article_id", "slot", "position")
    placements_sql, placements_params = placements.query.sql_with_params()
    public_sql, public_params = Article.objects.public_sql("a.id")
    with connection.cursor() as cursor:
        cursor.execute(_curated_sql(placements_sql, public_sql), [*placements_params, *public_params])
        rows = cursor.fetchall()
    page = FrontPage()
    for (slot,), article in loading.cards_from_rows(rows, leading=1):
        if slot == FrontPagePlacement.Slot.LEAD and page.lead is None:
            page.lead = article
        else:
            page.featured.append(article)
    return page


@functools.cache
def _curated_sql(placements_sql, public_sql):
    return f"""
        SELECT pl.slot, {loading.card_columns()}
        FROM ({placements_sql}) pl
        JOIN {Article._meta.db_table} a ON a.id = pl.article_id
        LEFT JOIN {loading.image_model()._meta.db_table} i ON i.id = a.lead_image_id
        WHERE {public_sql}
        ORDER BY pl.position, a.publish_at DESC, a.id"""


def pick_lead(latest: list[Article]) -> Article:
    """With no lead chosen, the newest of the latest stories that has a picture leads (the newest
    of all when none has one); it is taken out of ``latest``. Looking only at the stories already
    fetched keeps this free: no query scans the archive for a picture."""
    lead = next((article for article in latest if article.lead_image_id), latest[0])
    latest.remove(lead)
    return lead


RAIL_LENGTH = 3
RAIL_WINDOW = 300  # rails are drawn from this many latest public stories, whatever the archive's size


@dataclass
class Rail:
    region: Region
    articles: list[Article]


def rails(regions, *, skip=()) -> list[Rail]:
    """The latest ``RAIL_LENGTH`` public articles under each region (its sub-regions included),
    skipping ``skip`` (ids already on the page): one query for every rail, whatever their number.
    Only the latest ``RAIL_WINDOW`` public stories are ranked, so the query's cost does not grow
    with the archive; a region with nothing among them gets no rail today.

    An article tagged twice under one rail (Iraq and Fallujah under Middle East) takes one place.
    Rail regions must not lie inside one another (``navigation`` keeps the outermost). Written
    out: built with the ORM, the ranking dragged every candidate's full row (body included)
    through the window sort, and the ORM spent longer building it than the database running it."""
    regions = list(regions)
    if not regions:
        return []
    recent = Article.objects.published().exclude(pk__in=list(skip)).order_by("-publish_at", "-pk")
    window_sql, window_params = recent.values("pk", "publish_at")[:RAIL_WINDOW].query.sql_with_params()
    patterns = [param for position, region in enumerate(regions) for param in (position, f"{region.path}%")]
    with connection.cursor() as cursor:
        cursor.execute(_rails_sql(window_sql, len(regions)), [*window_params, *patterns])
        rows = cursor.fetchall()
    found = {position: [] for position in range(len(regions))}
    for (position,), article in loading.cards_from_rows(rows, leading=1):
        found[position].append(article)
    return [Rail(region, found[position]) for position, region in enumerate(regions) if found[position]]


@functools.cache
def _rails_sql(window_sql, rail_count):
    # Paths are digits and slashes, so LIKE needs no escaping. Portable SQL: SQLite has no LATERAL.
    rails = " UNION ALL ".join(["SELECT %s AS rail, %s AS pattern"] * rail_count)
    return f"""
        WITH recent (id, publish_at) AS ({window_sql}),
        hits AS (
            SELECT DISTINCT r.rail, recent.id, recent.publish_at
            FROM recent
            JOIN {TaggedRegion._meta.db_table} l ON l.content_object_id = recent.id
            JOIN {Region._meta.db_table} t ON t.id = l.tag_id
            JOIN ({rails}) r ON t.path LIKE r.pattern
        ),
        ranked AS (
            SELECT rail, id, ROW_NUMBER() OVER (PARTITION BY rail ORDER BY publish_at DESC, id DESC) AS place
            FROM hits
        )
        SELECT ranked.rail, {loading.card_columns()}
        FROM ranked
        JOIN {Article._meta.db_table} a ON a.id = ranked.id
        LEFT JOIN {loading.image_model()._meta.db_table} i ON i.id = a.lead_image_id
        WHERE ranked.place <= {RAIL_LENGTH}
        ORDER BY ranked.rail, ranked.place"""
