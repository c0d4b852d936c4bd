"""What a card or an article page needs besides the article rows, in a fixed number of queries.

A page of cards costs two queries whatever its length: bylines (with their authors' names),
and every region and topic label of every card in one UNION query. Both land where Django's own
prefetch would put them (``article.bylines.all()``, ``article.regions.all()`` and
``article.topic_tags`` read them with no query), so everything written against the managers keeps
working. Both are written out in SQL: they run on every public page with the cache off, and the
ORM's prefetch machinery cost several times what the database did (an author with ten bylines on
a page was also built ten times; here once).

The article page also asks for the ancestors of its regions in the same query (its trails,
"Middle East › Iraq › Fallujah"), which saves the query ``regions.trails`` would make.
"""

import functools

from django.db import connections
from django.db.models import QuerySet
from django.db.models.base import ModelState

REGION, TOPIC, ANCESTOR = "r", "t", "a"


def instance(model, db, names, values):
    """``model.from_db(db, names, values)``, the same instance (the fields not named are deferred:
    absent from its ``__dict__``), built without ``Model.__init__``, which walks every field and
    sends two signals nobody listens to: building a page's hundred-odd cards, bylines and labels
    through it was about a tenth of an uncached listing page. For rows read here only, into models
    with no ``__init__`` of their own and no ``pre_init``/``post_init`` receivers (a test checks)."""
    new = model.__new__(model)
    new.__dict__.update(zip(names, values, strict=True))
    state = new._state = ModelState()
    state.adding, state.db = False, db
    return new


def load_cards(articles, *, trails_for=None, profiles=False):
    """Bylines and labels for every article in ``articles`` (a list of instances): two queries.
    Cards name their authors and link to them, nothing more; ``profiles=True`` loads whole author
    profiles with their photos (the article page's bio boxes and structured data)."""
    articles = [article for article in articles if article is not None]
    if articles:
        load_bylines(articles, profiles=profiles)
        load_tags(articles, trails_for=trails_for)
    return articles


def load_bylines(articles, *, profiles):
    """Fill ``bylines`` of each article, in byline order, each with its author, from one query.
    With ``profiles`` the authors are whole and carry their photos; without, they hold only what
    a card shows (``CARD_AUTHOR_FIELDS``; reading another field would cost a query per author,
    which the pages' query budgets would catch)."""
    from .models import Byline

    articles = [article for article in articles if "bylines" not in _prefetched(article)]
    if not articles:
        return
    db = articles[0]._state.db or "default"
    with connections[db].cursor() as cursor:
        cursor.execute(_bylines_sql(len(articles), profiles=profiles), [article.pk for article in articles])
        rows = cursor.fetchall()
    author_model, photo_model = _byline_models()
    author_fields, photo_fields = _byline_fields(profiles)
    author_names, photo_names = [f.attname for f in author_fields], [f.attname for f in photo_fields]
    photo_start = len(BYLINE_FIELDS) + len(author_names)
    authors, found = {}, {article.pk: [] for article in articles}
    for row in rows:
        byline = instance(Byline, db, BYLINE_FIELDS, row[: len(BYLINE_FIELDS)])
        author = authors.get(byline.author_id)
        if author is None:
            author = row[len(BYLINE_FIELDS) : photo_start]
            author = instance(author_model, db, author_names, converted(db, author_fields, author))
            if profiles:
                photo = row[photo_start:]
                photo = instance(photo_model, db, photo_names, converted(db, photo_fields, photo)) if photo[0] else None
                author_model.photo.field.set_cached_value(author, photo)
            authors[byline.author_id] = author
        Byline.author.field.set_cached_value(byline, author)
        found[byline.article_id].append(byline)
    for article in articles:
        for byline in found[article.pk]:
            Byline.article.field.set_cached_value(byline, article)
        keep(article, "bylines", Byline, found[article.pk])


BYLINE_FIELDS = ["id", "article_id", "author_id", "position"]
# What a card's byline reads of an author: the name, and the address of an active author's page.
CARD_AUTHOR_FIELDS = ("id", "name", "slug", "is_active")


def _byline_models():
    from .models import Byline

    author = Byline._meta.get_field("author").related_model
    return author, author._meta.get_field("photo").related_model


@functools.cache
def _byline_fields(profiles):
    author, photo = _byline_models()
    if not profiles:
        return [author._meta.get_field(name) for name in CARD_AUTHOR_FIELDS], []
    return list(author._meta.concrete_fields), list(photo._meta.concrete_fields)


@functools.cache
def _bylines_sql(count, *, profiles):
    from .models import Byline

    author, photo = _byline_models()
    author_fields, photo_fields = _byline_fields(profiles)
    columns = ", ".join(
        [f"b.{name}" for name in BYLINE_FIELDS]
        + [f'au."{f.column}"' for f in author_fields]
        + [f'p."{f.column}"' for f in photo_fields]
    )
    photo_join = f"LEFT JOIN {photo._meta.db_table} p ON p.id = au.photo_id" if profiles else ""
    return f"""
        SELECT {columns} FROM {Byline._meta.db_table} b
        JOIN {author._meta.db_table} au ON au.id = b.author_id
        {photo_join}
        WHERE b.article_id IN ({", ".join(["%s"] * count)})
        ORDER BY b.position, b.id"""


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
    known_regions, known_topics = {}, {}  # a tag on many cards is one instance
    for kind, article_id, *tag in rows:
        if kind == TOPIC:
            topic = known_topics.get(tag[0]) or instance(Topic, db, TOPIC_FIELDS, tag[:4])
            known_topics[topic.pk] = topic
            found[article_id][TOPIC].append(topic)
        else:
            region = known_regions.get(tag[0]) or instance(Region, db, REGION_FIELDS, tag)
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
    keep(article, name, model, sorted(tags, key=lambda tag: tag.name))


def keep(article, name, model, objects):
    """Where Django's prefetch keeps a related list, so the manager's ``all()`` reads it. The
    querysets share one unfiltered query per model (a queryset's methods copy a query before
    changing it): building a query for each card's bylines, regions and topics cost more than
    reading their rows."""
    queryset = QuerySet(model, query=_unfiltered_query(model))
    queryset._result_cache = objects
    queryset._prefetch_done = True
    article.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


@functools.cache
def _unfiltered_query(model):
    return model.objects.all().query


def _prefetched(article):
    return getattr(article, "_prefetched_objects_cache", {})


def _has_tags(article):
    cache = _prefetched(article)
    return "regions" in cache and "topics" in cache


@functools.cache
def card_columns() -> str:
    """The SELECT list of a card written out, for queries too costly to build with the ORM: the
    article ``a``'s ``CARD_ARTICLE_FIELDS`` and the start of its body (``body_start``, read only
    when the teaser needs it, as ``querysets.body_start()``), then its lead image ``i`` (``LEFT
    JOIN`` it). ``cards_from_rows`` reads it."""
    from .querysets import TEASER_SOURCE_CHARS

    article, image = _card_fields()
    body_start = f"CASE WHEN a.summary = '' AND a.deck = '' THEN SUBSTR(a.body, 1, {TEASER_SOURCE_CHARS}) END"
    return ", ".join([*(f'a."{f.column}"' for f in article), body_start] + [f'i."{f.column}"' for f in image])


@functools.cache
def card_values() -> tuple[str, ...]:
    """``card_columns()`` as ``values_list()`` names, for card queries defined as querysets (the
    article's ``body_start`` annotated, as ``without_body()`` does)."""
    article, image = _card_fields()
    return (*(f.attname for f in article), "body_start", *(f"lead_image__{f.attname}" for f in image))


def cards_from_rows(rows, *, leading=0, db="default"):
    """Articles (with ``lead_image`` filled, as ``select_related`` would) from rows whose columns
    are ``leading`` values of the caller's, then ``card_columns()``. Returns ``(leading values,
    article)`` pairs."""
    return _articles_from_rows(rows, _card_fields()[0], leading=leading, body_start=True, db=db)


@functools.cache
def page_values() -> tuple[str, ...]:
    """``values_list()`` names of the article page's row: every column but the search vector,
    then the lead image's (``page_from_row`` reads it)."""
    article, image = _page_fields(), _card_fields()[1]
    return (*(f.attname for f in article), *(f"lead_image__{f.attname}" for f in image))


def page_from_row(row, db="default"):
    return _articles_from_rows([row], _page_fields(), leading=0, body_start=False, db=db)[0][1]


def _articles_from_rows(rows, article_fields, *, leading, body_start, db):
    from .models import Article

    image_fields = _card_fields()[1]
    names = [f.attname for f in article_fields]
    image_names = [f.attname for f in image_fields]
    lead_image = Article._meta.get_field("lead_image")
    image_model = lead_image.related_model
    end = leading + len(names)  # the article's own columns end here; ``body_start`` may follow
    image_start = end + 1 if body_start else end
    found = []
    for row in rows:
        article = instance(Article, db, names, converted(db, article_fields, row[leading:end]))
        if body_start:
            article.body_start = row[end]
        image = row[image_start:]
        image = instance(image_model, db, image_names, converted(db, image_fields, image)) if image[0] else None
        lead_image.set_cached_value(article, image)
        found.append((row[:leading], article))
    return found


def converted(db, fields, values):
    """Raw column values as the ORM would hand them over: SQLite, for one, returns naive
    datetimes and 0/1 for booleans, which Django's converters make aware and ``bool``."""
    steps = _converters(db, tuple(fields))
    if not steps:
        return values
    values = list(values)
    connection = connections[db]
    for index, expression, functions in steps:
        for function in functions:
            values[index] = function(values[index], expression, connection)
    return values


@functools.cache
def _converters(db, fields):
    connection, steps = connections[db], []
    for index, field in enumerate(fields):
        expression = field.get_col(field.model._meta.db_table)
        functions = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        if functions:
            steps.append((index, expression, functions))
    return steps


def image_model():
    from .models import Article

    return Article._meta.get_field("lead_image").related_model


# What a card shows of an article (its address, labels, headline, teaser, date and picture): the
# workflow's columns (notes, who and when) are never read for a card. Reading another field would
# cost a query per card, which the pages' query budgets catch.
CARD_ARTICLE_FIELDS = (
    "id",
    "kind",
    "headline",
    "slug",
    "deck",
    "summary",
    "lead_image_id",
    "status",
    "publish_at",
    "modified_at",
    "primary_region_id",
)


@functools.cache
def _card_fields():
    from .models import Article

    article = [Article._meta.get_field(name.removesuffix("_id")) for name in CARD_ARTICLE_FIELDS]
    return article, list(image_model()._meta.concrete_fields)


@functools.cache
def _page_fields():
    from .models import Article

    return [f for f in Article._meta.concrete_fields if f.attname != "search_vector"]
