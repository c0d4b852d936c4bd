import hashlib
import logging

from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler

from articles.models import Article, Byline, Region, Topic
from authors.models import Author

from . import serializers
from .filters import FILTERS, filter_articles

logger = logging.getLogger(__name__)


class NewestFirst(CursorPagination):
    ordering = ("-publish_at", "-pk")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ByName(CursorPagination):
    ordering = ("name", "pk")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ConditionalMixin:
    """A strong ETag over the JSON, and 304 when the client already has it."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
            return get_conditional_response(request._request, etag=response["ETag"], response=response)
        return response


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter(name, OpenApiTypes.STR, description=text) for name, text in FILTERS.items()]
    )
)
class ArticleViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Published articles only (the site's one public rule), newest first."""

    serializer_class = serializers.ArticleSerializer
    pagination_class = NewestFirst
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        articles = Article.objects.published().for_listing()
        if self.action == "list":
            articles = filter_articles(articles, self.request.query_params)
        return articles


class AuthorViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Active authors with at least one published article."""

    serializer_class = serializers.AuthorSerializer
    pagination_class = ByName
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        with_work = Byline.objects.filter(article__in=Article.objects.published()).values("author_id")
        return Author.objects.active().filter(pk__in=with_work).select_related("photo")


class RegionViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Regions with published work, and the regions they lie in (so the tree is whole)."""

    serializer_class = serializers.RegionSerializer
    pagination_class = ByName
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        with_work = Region.objects.with_published_counts().values_list("path", flat=True)
        ancestor_ids = {int(step) for path in with_work for step in path.split("/")[:-1]}
        return Region.objects.filter(pk__in=ancestor_ids)


class TopicViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Topics with published work."""

    serializer_class = serializers.TopicSerializer
    pagination_class = ByName
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return Topic.objects.with_published_counts()


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
@authentication_classes([])
@permission_classes([])
@throttle_classes([])
def not_found(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404, never the site's HTML page."""
    raise exceptions.NotFound("No such API endpoint. The schema at /api/v1/schema/ lists them all.")


def json_exception_handler(exc, context):
    """DRF's handler for API errors; anything else (a bug) is logged and answered as a JSON 500."""
    response = exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in the read API", exc_info=exc)
        response = Response({"detail": "Server error."}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    return response
