"""Reader search: one interface, two engines.

On PostgreSQL each article carries a stored, weighted ``search_vector`` (headline A; deck, summary,
author names and tags B; body C) behind a GIN index, queried with ``websearch`` syntax (quoted
phrases, ``-negation``, ``or``), ranked, with highlighted snippets. Ranking reads each matching
article's whole vector, so only the newest ``RANK_WINDOW`` matches are ranked: a word found in
every story (a city's name, "government") costs the same on 5,000 articles as on 500,000, and a
news archive's reader wants the recent best match rather than the best match of 2009. The vector is refreshed by one
SQL statement after the transaction that changed the article, its bylines or its tags commits:
the admin saves bylines and tags *after* the article row, so refreshing on the row alone would
index stale names.

On SQLite (laptops, the quick test run) every word of the query must appear in the headline, deck,
summary or body; results are newest first and the snippet is the teaser.
"""

import html

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Substr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsroom.text import normalize_line

from . import listings, loading
from .models import Article, Byline, Region, TaggedRegion, TaggedTopic, Topic
from .querysets import body_start

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
RANK_WINDOW = 100
SNIPPET_SOURCE_CHARS = 1000
SEARCH_CONFIG = getattr(settings, "SEARCH_CONFIG", "english")
# Snippet markers PostgreSQL puts around matches; the snippet is escaped before they become <mark>.
MARK_START, MARK_STOP = "XXNRMARKXX", "XXNRENDXX"


def clean_query(raw) -> str:
    """What the reader typed, made safe to search for: one normalised line, bounded in length."""
    return normalize_line(raw)[:MAX_QUERY_LENGTH].strip()


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search(raw_query):
    """Public articles matching the query, best first, as cards (``raw_snippet`` set on each on
    PostgreSQL; ``snippet()`` makes it safe HTML). An empty query matches nothing (an empty
    queryset, never an error)."""
    query = clean_query(raw_query)
    if not query:
        return Article.objects.none()
    if uses_postgres():
        # Compiled once per process like the other listings: building and compiling this
        # queryset had been a quarter of an uncached search page. Its offset stays a parameter:
        # the generic plan PostgreSQL then keeps finds the newest matches through the full-text
        # index, right for any word; planned for a first page with no offset, it walks the newest
        # articles instead, as fast for a word in every story and ten times slower (200 ms at
        # 100,000 articles) for an author's name.
        return listings.Cards(_ranked_matches, query, leading=("raw_snippet",), bind_offset=True)
    return _plain_search(query)


def _ranked_matches(moment, query):
    """The matches as cards, best first, each row led by its snippet (``listings.Cards``)."""
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    # Snippets come from the body's first SNIPPET_SOURCE_CHARS (its first paragraphs): ts_headline
    # parses all the text it is given, which made the snippets most of the query's time at 2,000
    # characters; a match further down still gets the opening lines as its snippet. The HTML goes
    # in as it is: ts_headline's parser knows tags and leaves them out of the snippet (a tag's
    # attributes too), exactly as when they were stripped first with a regular expression, which
    # cost another 5% of the query.
    snippet_source = Substr("body", 1, SNIPPET_SOURCE_CHARS)
    newest_matches = (
        Article.objects.published(at=moment)
        .filter(search_vector=search_query)
        .order_by("-publish_at", "-pk")
        .values("pk")
    )
    # The window is drawn from published(); filtering the outer query again would make PostgreSQL
    # scan every article to join them, where the window's few ids are looked up by key.
    return (
        Article.objects.filter(pk__in=newest_matches[:RANK_WINDOW])
        .annotate(
            rank=SearchRank(F("search_vector"), search_query),
            raw_snippet=SearchHeadline(
                snippet_source,
                search_query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=20,
                min_words=8,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-publish_at", "-pk")
        .annotate(body_start=body_start())
        .values_list("raw_snippet", *loading.card_values())
    )


def _plain_search(query):
    matches = Q()
    for word in query.split()[:MAX_WORDS]:
        fields = ["headline", "deck", "summary", "body"]
        matches &= Q.create([(f"{field}__icontains", word) for field in fields], connector=Q.OR)
    return Article.objects.published().filter(matches).for_cards()


def snippet(article) -> str:
    """The highlighted extract under a result: escaped text with only our <mark> tags in it."""
    raw = getattr(article, "raw_snippet", None)
    if not raw:
        return escape(article.teaser)
    text = escape(html.unescape(raw)).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(f"… {text} …")


# ---------- Keeping the stored vector current (PostgreSQL) ----------


def _update_sql():
    article, byline = Article._meta.db_table, Byline._meta.db_table
    author = Byline._meta.get_field("author").related_model._meta.db_table
    region_links, topic_links = TaggedRegion._meta.db_table, TaggedTopic._meta.db_table
    regions, topics = Region._meta.db_table, Topic._meta.db_table
    return f"""
        UPDATE {article} AS a SET search_vector =
            setweight(to_tsvector(%(config)s::regconfig, coalesce(a.headline, '')), 'A')
            || setweight(to_tsvector(%(config)s::regconfig, concat_ws(' ', a.deck, a.summary)), 'B')
            || setweight(to_tsvector(%(config)s::regconfig, concat_ws(' ',
                (SELECT string_agg(au.name, ' ') FROM {byline} b JOIN {author} au ON au.id = b.author_id
                 WHERE b.article_id = a.id),
                (SELECT string_agg(r.name, ' ') FROM {region_links} tr JOIN {regions} r ON r.id = tr.tag_id
                 WHERE tr.content_object_id = a.id),
                (SELECT string_agg(t.name, ' ') FROM {topic_links} tt JOIN {topics} t ON t.id = tt.tag_id
                 WHERE tt.content_object_id = a.id))), 'B')
            || setweight(to_tsvector(%(config)s::regconfig, regexp_replace(a.body, '<[^>]+>', ' ', 'g')), 'C')
        WHERE a.id = ANY(%(ids)s)
    """


def refresh_search_vectors(article_ids, using=None):
    """Recompute the stored vectors of these articles in one statement. No-op off PostgreSQL."""
    ids = sorted({int(pk) for pk in article_ids if pk is not None})
    db = connection if using is None else using
    if not ids or db.vendor != "postgresql":
        return
    with db.cursor() as cursor:
        cursor.execute(_update_sql(), {"config": SEARCH_CONFIG, "ids": ids})


def schedule_refresh(article_id):
    """Called by the signal receivers in articles/signals.py: refresh once the data is committed."""
    if article_id is None or not uses_postgres():
        return
    transaction.on_commit(lambda: refresh_search_vectors([article_id]))


def schedule_refresh_many(article_ids):
    """For a renamed author or tag; ``article_ids`` may be a lazy queryset, read only on PostgreSQL."""
    if uses_postgres():
        ids = list(article_ids)
        transaction.on_commit(lambda: refresh_search_vectors(ids))
