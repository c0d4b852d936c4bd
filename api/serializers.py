"""What the read API shows of each model. Everything here reads prefetched data only: the queries
come from the viewsets' querysets (``for_listing()``...), so a page costs the same whatever its size."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article, Region, Topic
from authors.models import Author
from images.body import figure_images, portable_body
from newsroom.absolute import absolute_url

RATIOS = ("original", "16:9", "4:3", "1:1")


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteURLField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute_url(value.get_absolute_url())


class ImageSerializer(serializers.Serializer):
    alt_text = serializers.CharField()
    caption = serializers.CharField()
    credit = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = serializers.SerializerMethodField(
        help_text="By ratio: WebP and fallback (JPEG/PNG) renditions, narrowest first, with absolute URLs."
    )

    def get_renditions(self, image) -> dict:
        def urls(renditions):
            return [{"width": r.width, "height": r.height, "url": absolute_url(r.url)} for r in renditions]

        sets = {ratio: image.rendition_set(ratio) for ratio in RATIOS}
        return {ratio: {"webp": urls(s.webp), "fallback": urls(s.fallback)} for ratio, s in sets.items()}


class AuthorSummarySerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()

    class Meta:
        model = Author
        fields = ["id", "name", "slug", "title", "url"]


class AuthorSerializer(AuthorSummarySerializer):
    photo = ImageSerializer(allow_null=True)

    class Meta(AuthorSummarySerializer.Meta):
        fields = [*AuthorSummarySerializer.Meta.fields, "bio", "website", "twitter", "mastodon", "linkedin", "photo"]


class RegionSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True, help_text="The enclosing region's id.")
    depth = serializers.IntegerField(read_only=True, help_text="0 for a region with no parent.")
    ancestors = serializers.ListField(
        child=serializers.IntegerField(), source="ancestor_ids", help_text="Ids from the outermost region down."
    )

    class Meta:
        model = Region
        fields = ["id", "name", "slug", "parent", "ancestors", "depth", "url"]


class TopicSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()

    class Meta:
        model = Topic
        fields = ["id", "name", "slug", "url"]


class ArticleSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()
    body = serializers.SerializerMethodField(
        help_text="Sanitised HTML ready to show: library images as <picture>/<img> with absolute rendition "
        "URLs, every link absolute."
    )
    authors = AuthorSummarySerializer(many=True, source="byline_authors", help_text="In byline order.")
    byline = serializers.CharField(source="byline_text")
    regions = RegionSerializer(many=True, source="regions.all")
    primary_region = serializers.SerializerMethodField()
    topics = TopicSerializer(many=True, source="topics.all")
    lead_image = ImageSerializer(allow_null=True)
    published_at = serializers.DateTimeField(source="publish_at")
    modified_at = serializers.DateTimeField(allow_null=True, help_text="Moved by corrections and updates.")
    updated_at = serializers.DateTimeField(help_text="Last saved: what ``updated_since`` compares with.")

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "slug",
            "kind",
            "headline",
            "deck",
            "summary",
            "body",
            "byline",
            "authors",
            "primary_region",
            "regions",
            "topics",
            "lead_image",
            "published_at",
            "first_published_at",
            "modified_at",
            "updated_at",
        ]

    def get_body(self, article) -> str:
        # The figures' images for the whole page at once, so a page costs one query for them.
        if "body_images" not in self.context:
            page = self.parent.instance if isinstance(self.parent, serializers.ListSerializer) else [article]
            self.context["body_images"] = figure_images(a.body for a in page)
        return portable_body(article.body, base=article.get_absolute_url(), images=self.context["body_images"])

    def get_primary_region(self, article) -> int | None:
        region = article.kicker_region
        return region.pk if region else None
