"""The home page as editors arrange it: a lead, featured stories in their order, then the latest.

Every curated story is read through ``published()``, so a placement never shows anything readers
may not see: a withdrawn or rescheduled article drops out by itself, and an expired placement
(``until`` passed) is ignored at query time with no job to remove it.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, OuterRef, Value, When, Window, prefetch_related_objects
from django.db.models.functions import DenseRank

from .models import Article, FrontPagePlacement, Region, TaggedRegion


@dataclass
class FrontPage:
    lead: Article | None = None
    featured: list[Article] = field(default_factory=list)

    @property
    def shown_ids(self) -> list[int]:
        return [article.pk for article in [self.lead, *self.featured] if article is not None]


def curated() -> FrontPage:
    """The current lead and featured stories, in one query (two when no lead is chosen: then the
    latest public article with an image leads)."""
    live = FrontPagePlacement.objects.current().values("article_id")
    articles = (
        Article.objects.published()
        .select_related("lead_image")
        .without_body()
        .filter(pk__in=live)
        .annotate(slot=F("front_page_placement__slot"), position=F("front_page_placement__position"))
        .order_by("position", "-publish_at", "pk")
    )
    page = FrontPage()
    for article in articles:
        if article.slot == FrontPagePlacement.Slot.LEAD and page.lead is None:
            page.lead = article
        else:
            page.featured.append(article)
    if page.lead is None:
        page.lead = (
            Article.objects.published()
            .with_image()
            .select_related("lead_image")
            .without_body()
            .exclude(pk__in=page.shown_ids)
            .first()
        )
    return page


def load(articles):
    """Bylines and tags for every card on the page, curated and latest together: one prefetch each."""
    prefetch_related_objects(list(articles), *Article.objects.listing_prefetches())


RAIL_REGIONS = 4
RAIL_LENGTH = 3


@dataclass
class Rail:
    region: Region
    articles: list[Article]


def rail_regions() -> list[Region]:
    """The regions that get a rail: until the masthead menu names them, the top-level regions
    (alphabetically, at most ``RAIL_REGIONS``) with something public under them. One query."""
    public_below = TaggedRegion.objects.filter(
        tag__path__startswith=OuterRef("path"), content_object__in=Article.objects.published()
    )
    return list(Region.objects.filter(parent=None).filter(Exists(public_below)).order_by("name")[:RAIL_REGIONS])


def rails(regions, *, skip=()) -> list[Rail]:
    """The latest ``RAIL_LENGTH`` public articles under each region (its sub-regions included),
    skipping ``skip`` (ids already on the page): one query for every rail, whatever their number.

    Each tag link is labelled with the rail it falls under and ranked by the article's date within
    its rail; DENSE_RANK gives an article tagged twice under one rail (Iraq and Fallujah under
    Middle East) the same rank, so it takes one place. Rail regions must not lie inside one another
    (a link counts for the first rail it falls under)."""
    regions = list(regions)
    if not regions:
        return []
    rail = Case(*[When(tag__path__startswith=region.path, then=Value(region.pk)) for region in regions])
    rows = (
        TaggedRegion.objects.filter(content_object__in=Article.objects.published().exclude(pk__in=list(skip)))
        .annotate(rail=rail)
        .filter(rail__isnull=False)
        .annotate(
            rank=Window(
                DenseRank(),
                partition_by=[F("rail")],
                order_by=[F("content_object__publish_at").desc(), F("content_object_id").desc()],
            )
        )
        .filter(rank__lte=RAIL_LENGTH)
        .select_related("content_object__lead_image")
        .defer("content_object__search_vector")
        .order_by("rail", "rank")
    )
    found = {region.pk: {} for region in regions}
    for row in rows:
        found[row.rail].setdefault(row.content_object_id, row.content_object)
    return [Rail(region, list(found[region.pk].values())) for region in regions if found[region.pk]]
