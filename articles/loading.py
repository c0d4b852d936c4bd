"""What a card or an article page needs besides the article rows, in a fixed number of queries.

A page of cards costs two queries whatever its length: bylines (with their authors and photos),
and every region and topic label of every card in one UNION query. The labels land where
taggit's own prefetch would put them (``article.regions.all()`` and ``article.topic_tags`` read
them with no query), so everything written against the tag managers keeps working.

The article page also asks for the ancestors of its regions in the same query (its trails,
"Middle East › Iraq › Fallujah"), which saves the query ``regions.trails`` would make.
"""

from django.db.models import CharField, Exists, IntegerField, OuterRef, Prefetch, Value, prefetch_related_objects

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
    from .models import Region, TaggedRegion, TaggedTopic, Topic

    articles = [article for article in articles if not _has_tags(article)]
    if not articles:
        return
    ids = [article.pk for article in articles]
    regions = (
        TaggedRegion.objects.filter(content_object_id__in=ids)
        .annotate(kind=Value(REGION))
        .values_list("kind", "content_object_id", "tag_id", "tag__name", "tag__slug", "tag__menu_position",
                     "tag__parent_id", "tag__path")
    )  # fmt: skip
    no_parent, no_path = Value(None, output_field=IntegerField()), Value("", output_field=CharField())
    topics = (
        TaggedTopic.objects.filter(content_object_id__in=ids)
        .annotate(kind=Value(TOPIC), parent=no_parent, path=no_path)
        .values_list("kind", "content_object_id", "tag_id", "tag__name", "tag__slug", "tag__menu_position",
                     "parent", "path")
    )  # fmt: skip
    branches = [topics]
    if trails_for is not None:
        below = {"content_object_id": trails_for.pk, "tag__path__startswith": OuterRef("path")}
        tagged_below = TaggedRegion.objects.filter(**below)
        ancestors = (
            Region.objects.filter(Exists(tagged_below))
            .order_by()  # SQLite allows no ORDER BY inside a UNION
            .annotate(kind=Value(ANCESTOR), article=Value(trails_for.pk, output_field=IntegerField()))
            .values_list("kind", "article", "id", "name", "slug", "menu_position", "parent_id", "path")
        )
        branches.append(ancestors)
    found = {article.pk: {REGION: [], TOPIC: []} for article in articles}
    known_regions = {}
    for kind, article_id, *tag in regions.union(*branches, all=True):
        if kind == TOPIC:
            found[article_id][TOPIC].append(_tag(Topic, tag))
        else:
            region = known_regions.setdefault(tag[0], _tag(Region, tag))
            if kind == REGION:
                found[article_id][REGION].append(region)
    for article in articles:
        _set(article, "regions", Region, found[article.pk][REGION])
        _set(article, "topics", Topic, found[article.pk][TOPIC])
        if trails_for is not None and article.pk == trails_for.pk:
            article.region_ancestors = known_regions


def _tag(model, values):
    tag_id, name, slug, menu_position, parent_id, path = values
    fields = {"id": tag_id, "name": name, "slug": slug, "menu_position": menu_position}
    if model.__name__ == "Region":
        fields.update(parent_id=parent_id, path=path)
    tag = model(**fields)
    tag._state.adding, tag._state.db = False, "default"  # as if loaded by the ORM: a saved row
    return tag


def _set(article, name, model, tags):
    """Where Django's prefetch keeps a related list, so the tag manager's ``all()`` reads it."""
    queryset = model.objects.all()
    queryset._result_cache = sorted(tags, key=lambda tag: tag.name)
    queryset._prefetch_done = True
    article.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def _has_tags(article):
    cache = getattr(article, "_prefetched_objects_cache", {})
    return "regions" in cache and "topics" in cache
