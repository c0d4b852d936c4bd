"""The stories of the listing pages (the home page's latest, a region's, a topic's, an author's),
of the feeds, and the article page's own row and corrections.

Each is a queryset over ``published()`` with a card's columns (``loading.card_values``, what
``for_cards()`` loads), compiled once per process and bound per request (``newsroom.compiled``).
A page of it is one query whose rows become cards directly (``loading.cards_from_rows``); building
that queryset and its model rows through the ORM had been the larger part of a listing page's time.
The rows are read by position: Django 5.2 writes a ``values_list()``'s columns in the order given.
"""

import functools

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from newsroom.compiled import compiled

from . import loading
from .models import Article, Correction, TaggedRegion
from .querysets import body_start


class Cards:
    """A listing as the paginator takes it: a slice runs the query and returns the articles, with
    their bylines and labels loaded (two queries more) unless ``load=False`` (the home page loads
    every card on it at once). ``whole=True`` loads each article's whole body (feeds). ``leading``
    names columns the query selects before a card's, each set on its card (a search's snippet).
    ``bind_offset`` is ``compiled()``'s."""

    model = Article  # the list view names the page's list "article_list" after it

    def __init__(self, build, *values, load=True, whole=False, leading=(), bind_offset=False):
        self.build, self.values, self.load, self.whole, self.leading = build, values, load, whole, leading
        self.bind_offset = bind_offset

    def __getitem__(self, bounds):
        build = _whole(self.build) if self.whole else self.build
        sql, params = compiled(
            build, timezone.now(), *self.values, bounds=(bounds.start, bounds.stop), bind_offset=self.bind_offset
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if self.whole:
            cards = [loading.page_from_row(row) for row in rows]
        else:
            cards = []
            for extra, card in loading.cards_from_rows(rows, leading=len(self.leading)):
                card.__dict__.update(zip(self.leading, extra, strict=True))
                cards.append(card)
        return loading.load_cards(cards) if self.load else cards


@functools.cache
def _whole(build):
    return functools.partial(build, whole=True)


def public_article(slug):
    """The public article at ``slug`` with its lead image and corrections, or None: one query, a
    row per correction (an article has none or a few; a second query for them cost more than
    repeating the article's columns). Bylines, labels and trails come with its related stories'
    (``loading.load_cards``)."""
    sql, params = compiled(_article_page, timezone.now(), slug)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return None
    split = len(loading.page_values())
    article = loading.page_from_row(rows[0][:split])
    fields = _correction_fields()
    names = [f.attname for f in fields]
    corrections = [
        loading.instance(Correction, "default", names, loading.converted("default", fields, row[split:]))
        for row in rows
        if row[split] is not None  # the LEFT JOIN's row for an article with no correction
    ]
    for correction in corrections:
        Correction.article.field.set_cached_value(correction, article)
    loading.keep(article, "corrections", Correction, corrections)
    return article


def by_slug(queryset_of, slug, *, related=None):
    """The row at ``slug`` of ``queryset_of()`` (a function returning a queryset of one model, so
    that it is the same object on every call: the compiled query's key) as an instance, or None.
    ``related`` names a nullable foreign key whose row is read in the same query and set on the
    instance, as ``select_related`` would (an author's photo). A region, topic or author page
    starts here: built and compiled by the ORM on every request, this lookup had cost more than
    the database spent on it."""
    model = queryset_of().model
    fields, joined = _by_slug_fields(model, related)
    sql, params = compiled(_by_slug_query(queryset_of, related), slug)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    names = [f.attname for f in fields]
    found = loading.instance(model, "default", names, loading.converted("default", fields, row[: len(fields)]))
    if related is not None:
        values, other = row[len(fields) :], None
        if values[0] is not None:  # the key of a row the LEFT JOIN found
            names = [f.attname for f in joined]
            other = loading.instance(joined[0].model, "default", names, loading.converted("default", joined, values))
        model._meta.get_field(related).set_cached_value(found, other)
    return found


@functools.cache
def _by_slug_fields(model, related):
    fields = tuple(model._meta.concrete_fields)
    joined = tuple(model._meta.get_field(related).related_model._meta.concrete_fields) if related else ()
    return fields, joined


@functools.cache
def _by_slug_query(queryset_of, related):
    fields, joined = _by_slug_fields(queryset_of().model, related)
    columns = [f.attname for f in fields] + [f"{related}__{f.attname}" for f in joined]

    def build(slug):
        return queryset_of().filter(slug=slug).values_list(*columns)

    return build


def _article_page(moment, slug):
    """The article's row, then its corrections' columns, in the corrections' own order (oldest first)."""
    corrections = [f"corrections__{f.attname}" for f in _correction_fields()]
    order = [f"corrections__{name}" for name in Correction._meta.ordering]
    return (
        Article.objects.published(at=moment)
        .filter(slug=slug)
        .order_by(*order)
        .values_list(*loading.page_values(), *corrections)
    )


@functools.cache
def _correction_fields():
    return tuple(Correction._meta.concrete_fields)


def _cards(moment, whole):
    live = Article.objects.published(at=moment).order_by("-publish_at", "-pk")
    if whole:
        return live.values_list(*loading.page_values())
    return live.annotate(body_start=body_start()).values_list(*loading.card_values())


def latest(moment, skip_ids, whole=False):
    return _cards(moment, whole).exclude(pk__in=skip_ids)


def in_regions(region_ids, **options) -> Cards:
    """The stories tagged with any of these regions (a region and those inside it,
    ``regions.family``) as ``Cards`` (``options`` are its). A region with none inside it is listed
    as a topic is (``_newest_by_link``)."""
    if len(region_ids) == 1:
        return Cards(in_region, region_ids[0], **options)
    return Cards(_in_any_region(region_ids), **options)


def in_region(moment, region_id, whole=False):
    return _newest_by_link("region_links", "tag", region_id, "content_object_id", moment, whole)


@functools.cache
def _in_any_region(region_ids):
    """An article may carry several of these regions, so they are asked for as a set, with their
    ids written into the SQL: PostgreSQL plans the query for them, and its statistics then tell a
    region with three stories from one with seven thousand. Bound as parameters, one plan served
    every region, and the plan that walks the newest articles until it has a page, right for a big
    region, took 0.4 s at 100,000 articles for a region with three old stories."""
    ids = ", ".join(str(int(pk)) for pk in region_ids) or "NULL"
    links = TaggedRegion._meta.db_table
    tagged = RawSQL(f"SELECT content_object_id FROM {links} WHERE tag_id IN ({ids})", ())

    def build(moment, whole=False):
        return _cards(moment, whole).filter(pk__in=tagged)

    return build


def on_topic(moment, topic_id, whole=False):
    return _newest_by_link("topic_links", "tag", topic_id, "content_object_id", moment, whole)


def by_author(moment, author_id, whole=False):
    return _newest_by_link("bylines", "author", author_id, "article_id", moment, whole)


def _newest_by_link(links, owner, owner_id, article, moment, whole):
    """The stories linked to one author, topic or region (through ``links``, whose ``owner`` is
    ``owner_id``), newest first by the links' copy of the publication time (``article_publish_at``,
    indexed with the owner), so PostgreSQL reads the owner's twenty newest links from its index;
    ``published()`` still decides what shows. Ordered by the article's own time, it walked the
    archive's newest articles until twenty were the owner's: 800 rows for a busy author at 100,000
    articles, 235-350 for the busiest topic and region at 5,000. One owner only: an article linked
    to two regions of a family would show twice."""
    return (
        _cards(moment, whole)
        # The copy's bound repeats published()'s so the index scan starts at this moment, past
        # the owner's scheduled stories, instead of filtering them out row by row.
        .filter(**{f"{links}__{owner}": owner_id, f"{links}__article_publish_at__lte": moment})
        .order_by(f"-{links}__article_publish_at", f"-{links}__{article}")
    )
