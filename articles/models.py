from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from authors.models import Author
from newsroom.images import IMAGE_VALIDATORS
from newsroom.sanitizer import sanitize_body
from newsroom.slugs import unique_slug


class Region(TagBase):
    class Meta:
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("articles:region", kwargs={"slug": self.slug})


class Topic(TagBase):
    class Meta:
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class TaggedRegion(TaggedItemBase):
    tag = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_region")]


class TaggedTopic(TaggedItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_topic")]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one rule for what readers may see. Every public page, feed and sitemap starts here.

        ``now`` is read per call, so a scheduled article goes live at its ``publish_at`` with no job.
        """
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def with_bylines(self):
        """Authors in byline order in one query, however many articles and authors there are."""
        bylines = Byline.objects.select_related("author").order_by("position", "pk")
        return self.prefetch_related(Prefetch("bylines", queryset=bylines))

    def with_tags(self):
        # taggit refuses custom prefetch querysets; the tag models' Meta.ordering sorts by name.
        return self.prefetch_related("regions", "topics")

    def for_listing(self):
        """What an article card shows: bylines and region/topic labels."""
        return self.with_bylines().with_tags()


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        help_text="The article's address. Filled from the headline when left blank; must be unique.",
        error_messages={"unique": "Another article already uses this slug. Choose a different one."},
    )
    deck = models.CharField(
        max_length=300, blank=True, help_text="The subheadline under the headline: one sentence that sells the story."
    )
    body = models.TextField(
        blank=True,
        help_text="Paragraphs, subheadings, emphasis, links, lists and quotes. Other markup is removed on save.",
    )
    summary = models.TextField(
        blank=True, help_text="Optional. Used on listings and by search engines; the deck is used when empty."
    )
    lead_image = models.ImageField(
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
        validators=IMAGE_VALIDATORS,
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = models.CharField(
        "alt text", max_length=250, blank=True, help_text="Describes the image for readers who cannot see it. Required with an image."
    )
    lead_image_caption = models.CharField("caption", max_length=300, blank=True)
    lead_image_credit = models.CharField("credit", max_length=120, blank=True, help_text='e.g. "Photo: Jane Doe / Agency"')
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers can first see the article. A future time schedules it; empty means now when published.",
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    regions = TaggableManager("regions", through=TaggedRegion, blank=True, related_name="articles", help_text="Comma-separated, e.g. Iraq, Middle East")
    topics = TaggableManager("topics", through=TaggedTopic, blank=True, related_name="articles", help_text="Comma-separated, e.g. Energy, Elections")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        get_latest_by = "publish_at"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="published_article_has_publish_at",
            )
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.headline)
        self.body = sanitize_body(self.body)
        self.fill_publication_dates()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        self.fill_publication_dates()

    def fill_publication_dates(self):
        """Published with no time means "now"; the first publication time is kept for good."""
        if self.status == self.Status.PUBLISHED:
            self.publish_at = self.publish_at or timezone.now()
            self.first_published_at = self.first_published_at or self.publish_at

    @property
    def byline_authors(self):
        """Authors in byline order; uses the ``with_bylines()`` prefetch when there is one."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def byline_text(self):
        names = [author.name for author in self.byline_authors]
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)

    @property
    def teaser(self):
        """Plain text for listings and the meta description."""
        return self.summary or self.deck or Truncator(strip_tags(self.body)).words(40)


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", help_text="Authors with bylines cannot be deleted."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the byline: lowest first.")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_author_per_article")]

    def __str__(self):
        return f"{self.author} on {self.article}"
