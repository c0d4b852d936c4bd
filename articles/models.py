import reversion
from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from authors.models import Author
from newsroom.sanitizer import sanitize_body
from newsroom.slugs import unique_slug, validate_slug
from newsroom.text import normalize_line, normalize_text


class Vocabulary(TagBase):
    """A controlled tag vocabulary (regions, topics): normalised names, slugs by the project policy."""

    slug = models.CharField(
        max_length=100,
        unique=True,
        blank=True,
        validators=[validate_slug],
        help_text="The address of the listing page. Made from the name when left blank; kept when renamed.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.name = normalize_line(self.name)
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=100)
        super().save(*args, **kwargs)


class Region(Vocabulary):
    class Meta:
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("articles:region", kwargs={"slug": self.slug})


class Topic(Vocabulary):
    class Meta:
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class TaggedRegion(TaggedItemBase):
    tag = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="region_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_region")]


class TaggedTopic(TaggedItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="topic_links")

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
        bylines = Byline.objects.select_related("author__photo").order_by("position", "pk")
        return self.prefetch_related(Prefetch("bylines", queryset=bylines))

    def with_tags(self):
        # taggit refuses custom prefetch querysets; the tag models' Meta.ordering sorts by name.
        return self.prefetch_related("regions", "topics")

    def for_listing(self):
        """What an article card shows: lead image, bylines and region/topic labels.

        Rendition URLs derive from the image row alone (images.renditions), so pictures cost no query.
        """
        return self.select_related("lead_image").with_bylines().with_tags()

    def for_detail(self):
        """What the article page shows: a card's data plus corrections."""
        return self.for_listing().prefetch_related("corrections")

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())

    def in_state(self, status):
        return self.filter(status=status)

    def owned_by(self, user):
        """Articles the user created or carries a byline on."""
        return self.filter(Q(created_by=user) | Q(bylines__author__user=user)).distinct()


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # What restoring an old revision brings back (with bylines and tags). The address and the
    # publication state stay as they are: restoring wording must not move or unpublish a story.
    CONTENT_FIELDS = [
        "headline",
        "deck",
        "body",
        "summary",
        "lead_image_id",
    ]

    LINE_FIELDS = ["headline", "deck"]

    headline = models.CharField(max_length=200)
    slug = models.CharField(
        max_length=200,
        unique=True,
        blank=True,
        validators=[validate_slug],
        help_text="The article's address. Filled from the headline when left blank; must be unique.",
        error_messages={"unique": "Another article already uses this slug. Choose a different one."},
    )
    deck = models.CharField(
        max_length=300, blank=True, help_text="The subheadline under the headline: one sentence that sells the story."
    )
    body = models.TextField(
        blank=True,
        help_text="Paragraphs, subheadings, emphasis, links, lists, quotes and pull quotes, rules, tables and "
        "library images. Other markup is removed on save.",
    )
    summary = models.TextField(
        blank=True, help_text="Optional. Used on listings and by search engines; the deck is used when empty."
    )
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_articles",
        help_text="Chosen from the media library, where its alt text, caption and credit are kept.",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers can first see the article. A future time schedules it; empty means now when published.",
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    modified_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text='Shown to readers as "Updated": moved by corrections.'
    )
    review_note = models.TextField(
        "note to the writer", blank=True, help_text="Why an editor sent the article back; cleared when resubmitted."
    )
    version = models.PositiveIntegerField(
        default=0, help_text="Counts saves, so a save made from a stale form is refused instead of overwriting."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    regions = TaggableManager(
        "regions",
        through=TaggedRegion,
        blank=True,
        related_name="articles",
        help_text="Comma-separated, e.g. Iraq, Middle East",
    )
    topics = TaggableManager(
        "topics",
        through=TaggedTopic,
        blank=True,
        related_name="articles",
        help_text="Comma-separated, e.g. Energy, Elections",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        get_latest_by = "publish_at"
        permissions = [("publish_article", "Can publish, schedule, unpublish and correct articles")]
        indexes = [models.Index(fields=["status", "-publish_at"], name="article_status_publish_at")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="published_article_has_publish_at",
            )
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        for field in self.LINE_FIELDS:
            setattr(self, field, normalize_line(getattr(self, field)))
        self.summary = normalize_text(self.summary)
        self.review_note = normalize_text(self.review_note)
        if not self.slug:
            self.slug = unique_slug(self, self.headline)
        self.body = sanitize_body(normalize_text(self.body))
        self.fill_publication_dates()
        self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def fill_publication_dates(self):
        """Published with no time means "now"; the first publication time is kept for good."""
        if self.status == self.Status.PUBLISHED:
            self.publish_at = self.publish_at or timezone.now()
            self.first_published_at = self.first_published_at or self.publish_at

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    @property
    def state_label(self):
        """The status as the newsroom says it: a published article in the future is "Scheduled"."""
        return "Scheduled" if self.is_scheduled else self.get_status_display()

    @property
    def state_key(self):
        return "scheduled" if self.is_scheduled else self.status

    @property
    def byline_authors(self):
        """Authors in byline order; uses the ``with_bylines()`` prefetch when there is one."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def byline_text(self):
        names = [author.name for author in self.byline_authors]
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)

    @property
    def word_count(self):
        return len(strip_tags(self.body).split())

    @property
    def reading_minutes(self):
        """Minutes to read the body at 230 words a minute (an adult's silent reading pace), at least 1."""
        return max(1, round(self.word_count / 230))

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


class SlugRedirect(models.Model):
    """An address a published article used to have; it answers with a permanent redirect."""

    old_slug = models.CharField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CORRECTION)
    note = models.TextField(help_text="What was wrong and what is right now, as readers will read it.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.article}"

    def save(self, *args, **kwargs):
        self.note = normalize_text(self.note)
        super().save(*args, **kwargs)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A share link that lets someone without a login read an unpublished article until it expires.
    Revoking deletes the row. The URL carries a signed id, so links cannot be guessed or enumerated."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Share link for {self.article}"

    def get_absolute_url(self):
        return reverse("articles:shared_preview", kwargs={"token": self.token})

    @property
    def token(self):
        return signing.dumps(self.pk, salt=PREVIEW_LINK_SALT)

    @classmethod
    def from_token(cls, token):
        """The live link a token names, or None for a tampered, expired or revoked one."""
        try:
            pk = signing.loads(token, salt=PREVIEW_LINK_SALT)
        except signing.BadSignature:
            return None
        return cls.objects.active().select_related("article").filter(pk=pk).first()


PREVIEW_LINK_SALT = "articles.preview-link"

# Revisions keep an article with its bylines and tag links, so restoring one loses nothing.
reversion.register(Byline)
reversion.register(TaggedRegion)
reversion.register(TaggedTopic)
reversion.register(Article, follow=["bylines", "region_links", "topic_links"])
