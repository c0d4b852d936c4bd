"""What a card or an article page needs besides the article rows, in a fixed number of queries.

A page of cards costs two queries whatever its length: bylines (with their authors and photos),
and every region and topic label of every card in one UNION query. The labels land where
taggit's own prefetch would put them (``article.regions.all()`` and ``article.topic_tags`` read
them with no query), so everything written against the tag managers keeps working.

The article page also asks for the ancestors of its regions in the same query (its trails,
"Middle East › Iraq › Fallujah"), which saves the query ``regions.trails`` would make.
"""

import functools

from django.db import connections
from django.db.models import Prefetch, prefetch_related_objects

REGION, TOPIC, ANCESTOR = "r", "t", "a"


def bylines_prefetch():
    from .models import Byline

    bylines = Byline.objects.select_related("author__photo").order_by("position", "pk")
    return Prefetch("bylines", queryset=bylines)


def load_cards(articles, *, trails_for=None):
    """Bylines and labels for every article in ``articles`` (a list of instances): two queries."""
    articles = [article for article in articles if article is not None]
    if articles:
        prefetch_related_objects(articles, bylines_prefetch())
        load_tags(articles, trails_for=trails_for)
    return articles


def load_tags(articles, *, trails_for=None):
    """Fill ``regions`` and ``topics`` of each article from one query; with ``trails_for`` (one of
    them), also the ancestors of that article's regions, kept as ``article.region_ancestors``."""
    from .models import Region, Topic

    articles = [article for article in articles if not _has_tags(article)]
    if not articles:
        return
    ids = [article.pk for article in articles]
    sql, params = _labels_sql(len(ids), trails=trails_for is not None), [*ids, *ids]
    if trails_for is not None:
        params += [trails_for.pk, trails_for.pk]
    db = articles[0]._state.db or "default"
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = {article.pk: {REGION: [], TOPIC: []} for article in articles}
    known_regions = {}
    for kind, article_id, *tag in rows:
        if kind == TOPIC:
            found[article_id][TOPIC].append(Topic.from_db(db, TOPIC_FIELDS, tag[:4]))
        else:
            region = known_regions.get(tag[0]) or Region.from_db(db, REGION_FIELDS, tag)
            known_regions[region.pk] = region
            if kind == REGION:
                found[article_id][REGION].append(region)
    for article in articles:
        _set(article, "regions", Region, found[article.pk][REGION])
        _set(article, "topics", Topic, found[article.pk][TOPIC])
        if trails_for is not None and article.pk == trails_for.pk:
            article.region_ancestors = known_regions


REGION_FIELDS = ["id", "name", "slug", "menu_position", "parent_id", "path"]
TOPIC_FIELDS = ["id", "name", "slug", "menu_position"]


@functools.cache
def _labels_sql(count, *, trails):
    """The labels query, written out: it runs for every page of cards, and building it with the
    ORM (a UNION of annotated querysets) cost more than running it. Plain SQL both databases take."""
    from .models import Region, TaggedRegion, TaggedTopic, Topic

    region, topic = Region._meta.db_table, Topic._meta.db_table
    region_links, topic_links = TaggedRegion._meta.db_table, TaggedTopic._meta.db_table
    ids = ", ".join(["%s"] * count)
    sql = f"""
        SELECT '{REGION}', l.content_object_id, t.id, t.name, t.slug, t.menu_position, t.parent_id, t.path
        FROM {region_links} l JOIN {region} t ON t.id = l.tag_id WHERE l.content_object_id IN ({ids})
        UNION ALL
        SELECT '{TOPIC}', l.content_object_id, t.id, t.name, t.slug, t.menu_position, NULL, ''
        FROM {topic_links} l JOIN {topic} t ON t.id = l.tag_id WHERE l.content_object_id IN ({ids})"""
    if trails:
        # Every region whose path starts one of the article's regions' paths: the regions and
        # their ancestors. Paths are digits and slashes, so LIKE needs no escaping.
        sql += f"""
        UNION ALL
        SELECT '{ANCESTOR}', %s, t.id, t.name, t.slug, t.menu_position, t.parent_id, t.path FROM {region} t
        WHERE EXISTS (SELECT 1 FROM {region_links} l JOIN {region} r ON r.id = l.tag_id
                      WHERE l.content_object_id = %s AND r.path LIKE t.path || '%%')"""
    return sql


def _set(article, name, model, tags):
    """Where Django's prefetch keeps a related list, so the tag manager's ``all()`` reads it."""
    queryset = model.objects.all()
    queryset._result_cache = sorted(tags, key=lambda tag: tag.name)
    queryset._prefetch_done = True
    article.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def _has_tags(article):
    cache = getattr(article, "_prefetched_objects_cache", {})
    return "regions" in cache and "topics" in cache


@functools.cache
def card_columns() -> str:
    """The SELECT list of a card written out, for queries too costly to build with the ORM: the
    article ``a`` without its body and search vector (``body_start`` instead, as
    ``without_body()``), then its lead image ``i`` (``LEFT JOIN`` it). ``cards_from_rows`` reads it."""
    from .models import TEASER_SOURCE_CHARS

    article, image = _card_fields()
    return ", ".join(
        [*(f'a."{f.column}"' for f in article), f"SUBSTR(a.body, 1, {TEASER_SOURCE_CHARS})"]
        + [f'i."{f.column}"' for f in image]
    )


def cards_from_rows(rows, *, leading=0, db="default"):
    """Articles (with ``lead_image`` filled, as ``select_related`` would) from rows whose columns
    are ``leading`` values of the caller's, then ``card_columns()``. Returns ``(leading values,
    article)`` pairs."""
    from .models import Article

    article_fields, image_fields = _card_fields()
    names = [f.attname for f in article_fields]
    image_names = [f.attname for f in image_fields]
    lead_image = Article._meta.get_field("lead_image")
    body_start, image_start = leading + len(names), leading + len(names) + 1
    found = []
    for row in rows:
        article = Article.from_db(db, names, row[leading:body_start])
        article.body_start = row[body_start]
        image = row[image_start:]
        lead_image.set_cached_value(article, image_model().from_db(db, image_names, image) if image[0] else None)
        found.append((row[:leading], article))
    return found


def image_model():
    from .models import Article

    return Article._meta.get_field("lead_image").related_model


@functools.cache
def _card_fields():
    from .models import Article

    article = [f for f in Article._meta.concrete_fields if f.attname not in ("body", "search_vector")]
    return article, list(image_model()._meta.concrete_fields)
