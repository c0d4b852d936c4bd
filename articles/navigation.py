"""What readers browse by: the masthead menu and the region, topic and author indexes.

Every count comes from ``Article.objects.published()``. The menu appears on every page: it costs
one query, whatever the size of the archive, and is cached too, forgotten whenever an article, a
tag link or a region/topic is saved or deleted (articles/signals.py). The timeout also bounds how
late a scheduled article's tags reach the default menu.
"""

import functools
from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q

from authors.models import Author

from .loading import REGION_FIELDS, TOPIC_FIELDS, instance
from .models import Article, Region, TaggedRegion, TaggedTopic, Topic

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


def _menu_rows():
    """One query for both vocabularies: every region and topic, each marked if a public article
    carries it. The regions and topics are few (hundreds at most) and each EXISTS stops at its
    first public article through the tag's index, so the cost does not grow with the archive
    (counting every tag's articles did, and so did asking "anything public under this region?"
    in SQL, which made the database hash every article). Written out because it runs on every
    page when the cache is off, and the ORM spent longer building it than the database running it;
    the public rule itself still comes from ``published()`` (``public_sql``), asked link by link
    so each tag stops at its first public article (merged with the article table instead, as
    PostgreSQL chose for a bare EXISTS, it was six times slower)."""
    public_sql, public_params = Article.objects.public_sql("l.content_object_id")
    with connection.cursor() as cursor:
        cursor.execute(_menu_sql(public_sql), [*public_params, *public_params])
        return cursor.fetchall()


@functools.cache
def _menu_sql(public_sql):
    region, topic = Region._meta.db_table, Topic._meta.db_table
    region_links, topic_links = TaggedRegion._meta.db_table, TaggedTopic._meta.db_table
    return f"""
        SELECT 'region', t.id, t.name, t.slug, t.menu_position, t.parent_id, t.path,
               EXISTS (SELECT 1 FROM {region_links} l WHERE l.tag_id = t.id AND {public_sql})
        FROM {region} t
        UNION ALL
        SELECT 'topic', t.id, t.name, t.slug, t.menu_position, NULL, '',
               EXISTS (SELECT 1 FROM {topic_links} l WHERE l.tag_id = t.id AND {public_sql})
        FROM {topic} t"""


class _MenuRow(NamedTuple):
    kind: str
    pk: int
    name: str
    slug: str
    menu_position: int | None
    parent_id: int | None
    path: str
    public: bool

    def tag(self):
        if self.kind == "region":
            return instance(Region, "default", REGION_FIELDS, self[1:7])
        return instance(Topic, "default", TOPIC_FIELDS, self[1:5])


def build_menu() -> Menu:
    """The editor's picks in their order, regions then topics; a vocabulary with no pick shows its
    first three (alphabetically: the top-level regions, the topics). Only tags that lead to public
    work are shown: a region counts if it or any region inside it carries a public article. Rows
    become model instances only when shown (a few of some hundred): the menu runs on every page."""
    rows = [_MenuRow._make(row) for row in _menu_rows()]
    all_regions = [row for row in rows if row.kind == "region"]
    topics = [row for row in rows if row.kind == "topic" and row.public]
    leads_to_public = set()
    for row in all_regions:
        if row.public:
            leads_to_public.add(row.pk)
            leads_to_public.update(Region.ancestor_ids_in(row.path))
    regions = [row for row in all_regions if row.pk in leads_to_public]
    top_level = sorted((row for row in regions if row.parent_id is None), key=_by_name)
    shown_regions = [row.tag() for row in _picked(regions) or top_level[: DEFAULT_MENU_SIZE // 2]]
    shown_topics = [row.tag() for row in _picked(topics) or sorted(topics, key=_by_name)[: DEFAULT_MENU_SIZE // 2]]
    items = [MenuItem(tag.name, tag.get_absolute_url()) for tag in [*shown_regions, *shown_topics]]
    if any(region.menu_position is not None for region in shown_regions):
        rail_regions = _outermost(shown_regions, RAIL_REGIONS)
    else:
        rail_regions = [row.tag() for row in _outermost(top_level, RAIL_REGIONS)]
    inside = {rail.pk: tuple(row.pk for row in all_regions if row.path.startswith(rail.path)) for rail in rail_regions}
    return Menu(items, rail_regions, inside)


def _picked(rows):
    picked = [row for row in rows if row.menu_position is not None]
    return sorted(picked, key=lambda row: (row.menu_position, row.name))[:DEFAULT_MENU_SIZE]


def _by_name(row):
    return row.name.casefold()


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
