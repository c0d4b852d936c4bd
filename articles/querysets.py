"""How articles are read: ``published()``, the one rule for what readers may see, and the
querysets every page, feed and the admin build on it (cards, the article page, related stories,
scheduling). Model classes are imported where they are used: ``models`` builds its manager from
this module."""

import functools

from django.db import connections
from django.db.models import Case, Min, Q, QuerySet, TextField, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from django.db.models.query import ModelIterable
from django.utils import timezone

from newsroom.compiled import compiled

from . import loading

# Enough of a body's HTML for a 40-word teaser.
TEASER_SOURCE_CHARS = 1200
RELATED_WINDOW = 300


def body_start():
    """The start of the body, as a card's teaser needs it: only for an article with neither summary
    nor deck (``Article.teaser``), NULL otherwise. The body is most of a row's bytes, and PostgreSQL
    may read it for every candidate row of a listing before it sorts them and keeps a page."""
    return Case(
        When(summary="", deck="", then=Substr("body", 1, TEASER_SOURCE_CHARS)), default=None, output_field=TextField()
    )


def _public_article(moment, column):
    from .models import Article

    return Article.objects.published(at=moment).order_by().filter(pk=RawSQL(column, ())).values("pk")


@functools.cache
def _public_article_at(column):
    return functools.partial(_public_article, column=column)


def _public_window(moment):
    """The ``RELATED_WINDOW`` newest public stories, ``(pk, publish_at)``."""
    from .models import Article

    return (
        Article.objects.published(at=moment).order_by("-publish_at", "-pk").values("pk", "publish_at")[:RELATED_WINDOW]
    )


@functools.cache
def _related_sql(window_sql, limit):
    from .models import Article, TaggedRegion, TaggedTopic

    # "(SELECT EXISTS ...)" keeps each test a probe by key for the candidate at hand; a bare
    # EXISTS lets PostgreSQL hash every link of the article's tags. The window's order carries
    # through, so the walk stops at ``limit``, written into the SQL: left a parameter, it made the
    # prepared statement's generic plan look dearer than one made for the values, and PostgreSQL
    # planned it again on every request (half a millisecond, a third of the article page's SQL).
    shares = " OR ".join(
        f"(SELECT EXISTS (SELECT 1 FROM {table} l JOIN {table} own ON own.tag_id = l.tag_id "
        f"WHERE l.content_object_id = w.id AND own.content_object_id = %s))"
        for table in sorted({TaggedTopic._meta.db_table, TaggedRegion._meta.db_table})
    )
    return f"""
        SELECT {loading.card_columns()} FROM {Article._meta.db_table} a
        LEFT JOIN {loading.image_model()._meta.db_table} i ON i.id = a.lead_image_id
        WHERE a.id IN (
            WITH w (id, publish_at) AS ({window_sql})
            SELECT w.id FROM w WHERE w.id <> %s AND ({shares})
            ORDER BY w.publish_at DESC, w.id DESC LIMIT {limit})
        ORDER BY a.publish_at DESC, a.id DESC"""


class ArticleQuerySet(QuerySet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._load_bylines = None  # or True/False: with the authors' whole profiles, or as cards name them
        self._load_tags = False

    def _clone(self):
        clone = super()._clone()
        clone._load_bylines, clone._load_tags = self._load_bylines, self._load_tags
        return clone

    def _fetch_all(self):
        # Bylines and labels of every fetched article, one query each, written out in SQL
        # (articles/loading.py): Django's prefetch of them cost several times the queries.
        fetched = self._result_cache is not None
        super()._fetch_all()
        if not fetched and self._iterable_class is ModelIterable:
            if self._load_bylines is not None:
                loading.load_bylines(self._result_cache, profiles=self._load_bylines)
            if self._load_tags:
                loading.load_tags(self._result_cache)

    def published(self, *, at=None):
        """The one rule for what readers may see. Every public page, feed and sitemap starts here.

        ``now`` is read per call, so a scheduled article goes live at its ``publish_at`` with no job
        (``at`` is for queries compiled once and bound to the clock per call: ``newsroom.compiled``).
        """
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__lte=timezone.now() if at is None else at)

    def public_sql(self, article_id_column):
        """``(sql, params)``: a condition, for SQL written out elsewhere, that is true when the
        article whose id is in ``article_id_column`` is public; compiled from ``published()``, so
        the rule keeps one home. Asked as ``(SELECT EXISTS ...)``, a lookup by key per row: left
        as a bare EXISTS, PostgreSQL may merge it with the whole article table."""
        sql, params = compiled(_public_article_at(article_id_column), timezone.now(), db=self.db)
        return f"(SELECT EXISTS ({sql}))", params

    def with_bylines(self, *, profiles=True):
        """Authors in byline order in one query, however many articles and authors there are;
        ``profiles=False`` loads only what a card shows of them (``loading.CARD_AUTHOR_FIELDS``)."""
        clone = self._chain()
        clone._load_bylines = profiles
        return clone

    def with_tags(self):
        """Regions and topics of every article in one query, read by ``article.regions.all()``,
        ``region_tags`` and ``topic_tags`` (sorted by name)."""
        clone = self._chain()
        clone._load_tags = True
        return clone

    def for_listing(self):
        """What an article card shows: lead image, bylines and region/topic labels.

        Rendition URLs derive from the image row alone (images.renditions), so pictures cost no query.
        """
        return self.select_related("lead_image").defer("search_vector").with_bylines().with_tags()

    def for_cards(self):
        """A listing page's cards: ``for_listing()`` with only what a card shows
        (``loading.CARD_ARTICLE_FIELDS``): not the body (only its start, enough for a teaser when
        an article has neither summary nor deck) and not the authors' profiles (cards name them)."""
        image_fields = [f"lead_image__{f.name}" for f in loading.image_model()._meta.concrete_fields]
        cards = self.for_listing().only(*loading.CARD_ARTICLE_FIELDS, *image_fields).without_body()
        return cards.with_bylines(profiles=False)

    def without_body(self):
        return self.defer("body").annotate(body_start=body_start())

    def for_detail(self):
        """What the article page shows: a card's data plus corrections."""
        return self.for_listing().prefetch_related("corrections")

    def related_to(self, article, limit=4) -> list:
        """Public articles sharing a topic or region with ``article``, newest first, as bare cards
        (``loading.load_cards`` adds their bylines and labels). Drawn from the latest
        ``RELATED_WINDOW`` public stories (the window is ``published()``, so nothing else needs
        the rule), walked newest first and only until ``limit`` share a tag: each candidate's
        links are probed by key, so a popular tag's archive is never collected and an article
        with common tags costs a handful of probes. Written out: built with nested querysets it
        cost more than it ran."""
        window_sql, window_params = compiled(_public_window, timezone.now(), db=self.db)
        with connections[self.db].cursor() as cursor:
            cursor.execute(_related_sql(window_sql, int(limit)), [*window_params, article.pk, article.pk, article.pk])
            rows = cursor.fetchall()
        return [card for _, card in loading.cards_from_rows(rows, db=self.db)]

    def scheduled(self):
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__gt=timezone.now())

    def next_public_change(self):
        """The next moment what readers see changes with no save: a scheduled article going live or
        a front-page placement running out. Caches (pages, CDN) never keep a page past it."""
        from .models import FrontPagePlacement

        times = [
            self.scheduled().aggregate(at=Min("publish_at"))["at"],
            FrontPagePlacement.objects.filter(until__gt=timezone.now()).aggregate(at=Min("until"))["at"],
        ]
        return min((t for t in times if t), default=None)

    def embargoed(self):
        return self.filter(embargo_until__gt=timezone.now())

    def in_region(self, region):
        """Articles tagged with the region or any region inside it, each once (one subquery)."""
        return self.under_region_path(region.path)

    def under_region_path(self, path):
        from .models import TaggedRegion

        links = TaggedRegion.objects.filter(tag__path__startswith=path)
        return self.filter(pk__in=links.values("content_object_id"))

    def with_image(self):
        return self.filter(lead_image__isnull=False)

    def in_state(self, status):
        return self.filter(status=status)

    def owned_by(self, user):
        """Articles the user created or carries a byline on."""
        return self.filter(Q(created_by=user) | Q(bylines__author__user=user)).distinct()
