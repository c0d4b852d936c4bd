"""What readers browse by: the masthead menu and the region, topic and author indexes.

Every count comes from ``Article.objects.published()``. The menu appears on every page: it costs
one query, whatever the size of the archive or of the vocabulary, and is cached too, forgotten
whenever an article, a tag link or a region/topic is saved or deleted (articles/signals.py). The
timeout also bounds how late a scheduled article's tags reach the default menu.
"""

import collections
import functools
from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q

from authors.models import Author

from . import regions
from .loading import REGION_FIELDS, TOPIC_FIELDS, instance
from .models import Article, Region, TaggedTopic, Topic

MENU_CACHE_KEY = "articles:masthead-menu:v3"
MENU_TIMEOUT = 300
DEFAULT_MENU_SIZE = 6
RAIL_REGIONS = 4


@dataclass(frozen=True)
class MenuItem:
    name: str
    url: str


@dataclass(frozen=True)
class Menu:
    items: list[MenuItem]
    rail_regions: list[Region]  # the home page's region rails follow the menu
    # Each rail region's id and those of every region inside it: a rail's stories are found by
    # these, read with the menu (and forgotten with it when a region is saved or deleted).
    rail_region_ids: dict[int, tuple[int, ...]]

    def __iter__(self):
        return iter(self.items)


def tags_with_published_work(model):
    """An index page: every region or topic with public articles, by name, with its count."""
    return model.objects.with_published_counts().order_by("name")


def authors_with_published_work():
    """An index page: every active author with public articles, by name, with a count."""
    public = Article.objects.published().values("pk")
    count = Count("bylines", filter=Q(bylines__article__in=public))
    return Author.objects.active().annotate(published_count=count).filter(published_count__gt=0).order_by("name")


# What each row of the menu's query is (its first column).
EVERY_REGION, PICKED_REGION, TOP_REGION = "region", "picked region", "top region"
PICKED_TOPIC, FIRST_TOPIC = "picked topic", "first topic"


def _menu_rows():
    """One query for what the menu and the rails show: every region (its path places it in the
    rails), then the candidates, each asked whether it leads to public work only if the menu may
    show it: the editors' picks, the first top-level regions and the first topics by name. Each
    question stops at its first public article through the tag's index, so the cost follows the
    picks, not the size of the vocabulary or of the archive (asking it of every tag cost 0.3 ms
    a page for seventy tags; counting every tag's articles, or letting PostgreSQL merge the
    question with the article table, grew with the archive). Written out because it runs on every
    page when the cache is off, and the ORM spent longer building it than the database running
    it; the public rule itself still comes from ``published()`` (``public_sql``), and "leads to
    public work" from ``regions.leads_to_public_sql``."""
    public_sql, public_params = Article.objects.public_sql("l.content_object_id")
    with connection.cursor() as cursor:
        cursor.execute(_menu_sql(public_sql), public_params * 4)
        return cursor.fetchall()


@functools.cache
def _menu_sql(public_sql):
    region, topic, topic_links = Region._meta.db_table, Topic._meta.db_table, TaggedTopic._meta.db_table
    region_columns = "t.id, t.name, t.slug, t.menu_position, t.parent_id, t.path"
    topic_columns = "t.id, t.name, t.slug, t.menu_position, CAST(NULL AS BIGINT), ''"
    # Each question is a lookup per candidate ("(SELECT ...)"): as a bare EXISTS in WHERE,
    # PostgreSQL merges it with the whole link table. The first by name are read in the order of
    # their names' index (``Region.Meta``, ``Topic.Meta``), so the questions stop with the last.
    leads = f"(SELECT {regions.leads_to_public_sql('t', public_sql)})"
    public_topic = f"(SELECT EXISTS (SELECT 1 FROM {topic_links} l WHERE l.tag_id = t.id AND {public_sql}))"
    by_name = "ORDER BY LOWER(t.name), t.name, t.id"
    return f"""
        SELECT '{EVERY_REGION}', {region_columns} FROM {region} t
        UNION ALL
        SELECT '{PICKED_REGION}', {region_columns} FROM {region} t WHERE t.menu_position IS NOT NULL AND {leads}
        UNION ALL
        SELECT * FROM (SELECT '{TOP_REGION}', {region_columns} FROM {region} t
                       WHERE t.parent_id IS NULL AND {leads} {by_name} LIMIT {RAIL_REGIONS}) top_regions
        UNION ALL
        SELECT '{PICKED_TOPIC}', {topic_columns} FROM {topic} t WHERE t.menu_position IS NOT NULL AND {public_topic}
        UNION ALL
        SELECT * FROM (SELECT '{FIRST_TOPIC}', {topic_columns} FROM {topic} t
                       WHERE {public_topic} {by_name} LIMIT {DEFAULT_MENU_SIZE // 2}) first_topics"""


class _MenuRow(NamedTuple):
    kind: str
    pk: int
    name: str
    slug: str
    menu_position: int | None
    parent_id: int | None
    path: str

    def tag(self):
        if self.kind in (PICKED_TOPIC, FIRST_TOPIC):
            return instance(Topic, "default", TOPIC_FIELDS, self[1:5])
        return instance(Region, "default", REGION_FIELDS, self[1:7])


def build_menu() -> Menu:
    """The editor's picks in their order, regions then topics; a vocabulary with no pick shows its
    first three by name (the top-level regions, the topics). Only tags that lead to public work
    are shown: a region counts if it or any region inside it carries a public article. Rows
    become model instances only when shown: the menu runs on every page."""
    kinds = collections.defaultdict(list)
    for row in _menu_rows():
        kinds[row[0]].append(_MenuRow._make(row))
    top_level = kinds[TOP_REGION]  # in the query's order, by name
    shown_regions = [row.tag() for row in _picked(kinds[PICKED_REGION]) or top_level[: DEFAULT_MENU_SIZE // 2]]
    shown_topics = [row.tag() for row in _picked(kinds[PICKED_TOPIC]) or kinds[FIRST_TOPIC]]
    items = [MenuItem(tag.name, tag.get_absolute_url()) for tag in [*shown_regions, *shown_topics]]
    if any(region.menu_position is not None for region in shown_regions):
        rail_regions = _outermost(shown_regions, RAIL_REGIONS)
    else:
        rail_regions = [row.tag() for row in top_level]  # top-level regions never lie inside one another
    every_region = kinds[EVERY_REGION]
    inside = {rail.pk: tuple(row.pk for row in every_region if row.path.startswith(rail.path)) for rail in rail_regions}
    return Menu(items, rail_regions, inside)


def _picked(rows):
    picked = [row for row in rows if row.menu_position is not None]
    return sorted(picked, key=lambda row: (row.menu_position, row.name))[:DEFAULT_MENU_SIZE]


def _outermost(regions, limit):
    """Rails must not lie inside one another: a region inside an earlier one is left out."""
    kept = []
    for region in regions:
        if len(kept) == limit:
            break
        if not any(region.path.startswith(outer.path) for outer in kept):
            kept.append(region)
    return kept


def masthead_menu():
    return cache.get_or_set(MENU_CACHE_KEY, build_menu, MENU_TIMEOUT)


def menu_for(request) -> Menu:
    """The menu once per request, even with the cache off (the masthead and the home page's rails
    both read it)."""
    if not hasattr(request, "_masthead_menu"):
        request._masthead_menu = masthead_menu()
    return request._masthead_menu


def forget_menu():
    cache.delete(MENU_CACHE_KEY)
