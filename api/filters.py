"""The article filters: region (with the regions inside it), topic, author, kind, updated_since.

Every filter narrows ``published()``; none can widen it, so no combination reaches a draft."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError

from articles.models import Article, Region

FILTERS = {
    "region": "Region slug: articles in the region or any region inside it.",
    "topic": "Topic slug.",
    "author": "Author slug.",
    "kind": "One of: " + ", ".join(Article.Kind.values) + ".",
    "updated_since": "ISO 8601 date-time: articles saved at or after it (e.g. 2026-01-31T00:00:00Z).",
}


def filter_articles(queryset, params):
    if region_slug := params.get("region"):
        region = Region.objects.filter(slug=region_slug).first()
        queryset = queryset.in_region(region) if region else queryset.none()
    if topic := params.get("topic"):
        queryset = queryset.filter(topics__slug=topic)
    if author := params.get("author"):
        queryset = queryset.filter(bylines__author__slug=author)
    if kind := params.get("kind"):
        if kind not in Article.Kind.values:
            raise ValidationError({"kind": f"Unknown kind {kind!r}. {FILTERS['kind']}"})
        queryset = queryset.filter(kind=kind)
    if since := params.get("updated_since"):
        moment = parse_datetime(since)
        if moment is None:
            raise ValidationError({"updated_since": f"Not a date-time: {since!r}. {FILTERS['updated_since']}"})
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        queryset = queryset.filter(updated_at__gte=moment)
    return queryset
