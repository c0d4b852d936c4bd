"""The home page as editors arrange it: a lead, featured stories in their order, then the latest.

Every curated story is read through ``published()``, so a placement never shows anything readers
may not see: a withdrawn or rescheduled article drops out by itself, and an expired placement
(``until`` passed) is ignored at query time with no job to remove it.
"""

from dataclasses import dataclass, field

from django.db.models import Case, F, Value, When, Window
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
    """The current lead and featured stories, in one query. With no lead chosen, the view picks one
    from the latest stories (``pick_lead``)."""
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
    return page


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


def rails(regions, *, skip=()) -> list[Rail]:
    """The latest ``RAIL_LENGTH`` public articles under each region (its sub-regions included),
    skipping ``skip`` (ids already on the page): one query for every rail, whatever their number.
    Only the latest ``RAIL_WINDOW`` public stories are ranked, so the query's cost does not grow
    with the archive; a region with nothing among them gets no rail today.

    Each tag link is labelled with the rail it falls under and ranked by the article's date within
    its rail; DENSE_RANK gives an article tagged twice under one rail (Iraq and Fallujah under
    Middle East) the same rank, so it takes one place. Rail regions must not lie inside one another
    (a link counts for the first rail it falls under)."""
    regions = list(regions)
    if not regions:
        return []
    recent = Article.objects.published().exclude(pk__in=list(skip)).order_by("-publish_at", "-pk")
    rail = Case(*[When(tag__path__startswith=region.path, then=Value(region.pk)) for region in regions])
    rows = (
        TaggedRegion.objects.filter(content_object__in=recent.values("pk")[:RAIL_WINDOW])
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
