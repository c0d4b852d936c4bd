"""The home page as editors arrange it: a lead, featured stories in their order, then the latest.

Every curated story is read through ``published()``, so a placement never shows anything readers
may not see: a withdrawn or rescheduled article drops out by itself, and an expired placement
(``until`` passed) is ignored at query time with no job to remove it.
"""

from dataclasses import dataclass, field

from django.db.models import F, prefetch_related_objects

from .models import Article, FrontPagePlacement


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
        page.lead = Article.objects.published().with_image().exclude(pk__in=page.shown_ids).first()
    return page


def load(articles):
    """Bylines and tags for every card on the page, curated and latest together: one prefetch each."""
    prefetch_related_objects(list(articles), *Article.objects.listing_prefetches())
