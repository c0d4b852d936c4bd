"""Reading the region tree for public pages: breadcrumbs, sub-regions and trails, each in one query
whatever the depth of the tree (the ancestors are named by the materialised ``Region.path``)."""

from django.db.models import Exists, OuterRef, Q

from .models import Article, Region, TaggedRegion


def family(region: Region) -> tuple[list[Region], list[Region]]:
    """The region's ancestors (outermost first) and those of its children that lead to something
    public: a sub-region whose articles are all unpublished must not reveal its name."""
    public_below = TaggedRegion.objects.filter(
        tag__path__startswith=OuterRef("path"), content_object__in=Article.objects.published()
    )
    rows = (
        Region.objects.filter(Q(pk__in=region.ancestor_ids) | Q(parent=region))
        .annotate(public=Exists(public_below))
        .order_by("name")
    )
    ancestors, children = {}, []
    for row in rows:
        if row.parent_id == region.pk:
            if row.public:
                children.append(row)
        else:
            ancestors[row.pk] = row
    return [ancestors[pk] for pk in region.ancestor_ids if pk in ancestors], children


def trails(regions, known=None) -> list[list[Region]]:
    """Each region with its ancestors, outermost first ("Middle East › Iraq › Fallujah"), in one
    query for all of them, or none when ``known`` already holds the ancestors by id (the article
    page loads them with its labels, articles/loading.py). The regions' own ids are asked for too,
    so the query runs for any article with a region: the page's query count does not move with depth."""
    regions = list(regions)
    if known is None:
        wanted = {pk for region in regions for pk in [*region.ancestor_ids, region.pk]}
        known = {region.pk: region for region in Region.objects.filter(pk__in=wanted)}
    found = [[known[pk] for pk in region.ancestor_ids if pk in known] + [region] for region in regions]
    return sorted(found, key=lambda trail: [region.name.casefold() for region in trail])
