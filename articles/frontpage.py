"""The home page as editors arrange it: a lead, featured stories in their order, then the latest.

Every curated story is read through ``published()``, so a placement never shows anything readers
may not see: a withdrawn or rescheduled article drops out by itself, and an expired placement
(``until`` passed) is ignored at query time with no job to remove it.
"""

import functools
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F
from django.utils import timezone

from newsroom.compiled import compiled

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
    placements_sql, placements_params = compiled(_current_placements, timezone.now())
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


def _current_placements(moment):
    return FrontPagePlacement.objects.current(at=moment).order_by().values("article_id", "slot", "position")


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


def rails(regions, region_ids, *, skip=()) -> list[Rail]:
    """The latest ``RAIL_LENGTH`` public articles under each region (its sub-regions included: the
    ids in ``region_ids[region.pk]``, as the menu lists them), skipping ``skip`` (ids already on
    the page): one query for every rail, whatever their number.
    Only the latest ``RAIL_WINDOW`` public stories are candidates, so the query's cost does not
    grow with the archive; a region with nothing among them gets no rail today.

    Each rail walks the window newest first and stops at its ``RAIL_LENGTH``-th story, probing
    each candidate's region links by key; an article tagged twice under one rail (Iraq and Fallujah
    under Middle East) is one candidate, so it takes one place. Rail regions must not lie inside
    one another (``navigation`` keeps the outermost). Written out: the ORM's version ranked every
    candidate's full row (body included), and a join from the regions' side read every link of a
    big region (27,000 at 100,000 articles) to find three."""
    regions = list(regions)
    if not regions:
        return []
    skip = list(skip)
    window_sql, window_params = compiled(_rail_window, timezone.now())
    inside = [region_ids[region.pk] for region in regions]
    params = [value for at, ids in enumerate(inside) for value in (at, *window_params, *skip, *ids)]
    with connection.cursor() as cursor:
        cursor.execute(_rails_sql(window_sql, tuple(len(ids) for ids in inside), len(skip)), params)
        rows = cursor.fetchall()
    found = {position: [] for position in range(len(regions))}
    for (position,), article in loading.cards_from_rows(rows, leading=1):
        found[position].append(article)
    return [Rail(region, found[position]) for position, region in enumerate(regions) if found[position]]


def _rail_window(moment):
    """The latest ``RAIL_WINDOW`` public stories, newest first (named columns)."""
    recent = Article.objects.published(at=moment).order_by("-publish_at", "-pk")
    return recent.values(candidate_id=F("pk"), candidate_at=F("publish_at"))[:RAIL_WINDOW]


@functools.cache
def _rails_sql(window_sql, region_counts, skip_count):
    # The window is repeated in each rail rather than shared as a CTE: PostgreSQL would materialise
    # a shared one and lose its order, testing all its stories for every rail. "(SELECT EXISTS"
    # keeps each test a probe for the candidate at hand, on its links alone: joined to the regions
    # to match their paths, each probe read the region table again (twice the query's time).
    # Portable SQL: SQLite has no LATERAL.
    skipped = f"w.candidate_id NOT IN ({', '.join(['%s'] * skip_count)}) AND" if skip_count else ""

    def rail(region_count):
        return f"""
        SELECT * FROM (
            SELECT %s AS rail, w.candidate_id, w.candidate_at FROM ({window_sql}) w
            WHERE {skipped} (SELECT EXISTS (
                SELECT 1 FROM {TaggedRegion._meta.db_table} l
                WHERE l.content_object_id = w.candidate_id AND l.tag_id IN ({", ".join(["%s"] * region_count)})))
            ORDER BY w.candidate_at DESC, w.candidate_id DESC LIMIT {RAIL_LENGTH}) picked"""

    return f"""
        SELECT picks.rail, {loading.card_columns()}
        FROM ({" UNION ALL ".join(rail(count) for count in region_counts)}) picks
        JOIN {Article._meta.db_table} a ON a.id = picks.candidate_id
        LEFT JOIN {loading.image_model()._meta.db_table} i ON i.id = a.lead_image_id
        ORDER BY picks.rail, picks.candidate_at DESC, picks.candidate_id DESC"""
