import re

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Concat, Lower, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from authors.models import Author
from newsroom.concurrency import VersionedModel
from newsroom.fields import LineField, MultilineField
from newsroom.sanitizer import sanitize_body
from newsroom.slugs import slug_url, unique_slug, validate_slug
from newsroom.validators import validate_sane_datetime

from .querysets import ArticleQuerySet


class VocabularyQuerySet(models.QuerySet):
    def with_published_counts(self):
        """Only tags with public work, each with ``published_count`` counted over ``published()``."""
        public = Article.objects.published().values("pk")
        count = Count("tagged_articles", filter=Q(tagged_articles__content_object__in=public))
        return self.annotate(published_count=count).filter(published_count__gt=0)

    def with_published_work(self):
        """Only tags with public work (``marking_published_work``)."""
        return self.marking_published_work().filter(has_published_work=True)

    def marking_published_work(self):
        """Each tag with ``has_published_work``, without counting it: the tag's links are probed
        one by one and the first public article ends the search (a feed asks this on every
        request; counting a big tag's articles took 0.13 s at 100,000 articles)."""
        links = self.model.tagged_articles.rel.related_model
        public = Article.objects.published().filter(pk=OuterRef("content_object_id"))
        return self.annotate(has_published_work=Exists(links.objects.filter(tag=OuterRef("pk")).filter(Exists(public))))


class Vocabulary(TagBase):
    """A controlled tag vocabulary (regions, topics): normalised names, slugs by the project policy."""

    name = LineField("name", max_length=100, unique=True)
    slug = LineField(
        max_length=100,
        unique=True,
        blank=True,
        validators=[validate_slug],
        help_text="The address of the listing page. Made from the name when left blank; kept when renamed.",
    )

    menu_position = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Shown in the masthead menu, lowest first, when set. Leave empty to keep it out of the menu.",
    )

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=100)
        super().save(*args, **kwargs)


class Region(Vocabulary):
    """A region with an optional parent: Middle East > Iraq > Fallujah.

    ``path`` is the materialised chain of ancestor ids ("0000000003/0000000011/"), so "this region
    and everything under it" is one ``path__startswith`` filter and the ancestors are read from the
    path without walking the tree.
    """

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The larger region this one lies in. Its pages list this region's articles too.",
    )
    path = models.CharField(max_length=440, db_index=True, editable=False, default="")

    class Meta:
        ordering = ["name"]
        indexes = [  # the masthead menu's first top-level regions by name (articles/navigation.py)
            models.Index(Lower("name"), "name", "id", name="region_top_by_name", condition=Q(parent__isnull=True))
        ]

    def clean(self):
        super().clean()
        if self.parent_id and self.pk and self.path and self.parent.path.startswith(self.path):
            where = "itself" if self.parent_id == self.pk else f"{self.parent.name}, which lies inside it"
            raise ValidationError({"parent": f"{self.name} cannot lie inside {where}. Choose another parent."})

    def save(self, *args, **kwargs):
        # The path has to be right on every save, including the root regions taggit creates from
        # a typed name, so it is kept here; moving a region rewrites its subtree's paths too.
        with transaction.atomic():
            super().save(*args, **kwargs)
            parent_path = ""
            if self.parent_id:
                parent_path = Region.objects.filter(pk=self.parent_id).values_list("path", flat=True).get()
            path = f"{parent_path}{self.pk:0{PATH_STEP - 1}d}/"
            if path == self.path:
                return
            if self.path and path.startswith(self.path):
                raise ValueError(f"{self} cannot lie inside its own subtree.")
            old, self.path = self.path, path
            Region.objects.filter(pk=self.pk).update(path=path)
            if old:
                Region.objects.filter(path__startswith=old).exclude(pk=self.pk).update(
                    path=Concat(Value(path), Substr("path", len(old) + 1))
                )

    def get_absolute_url(self):
        return slug_url("articles:region", self.slug)

    @property
    def depth(self):
        """0 for a region with no parent."""
        return len(self.path) // PATH_STEP - 1

    @property
    def ancestor_ids(self):
        """From the outermost region down to the parent."""
        return self.ancestor_ids_in(self.path)

    @staticmethod
    def ancestor_ids_in(path):
        return [int(step) for step in path.split("/")[:-2]]


PATH_STEP = 11  # ten digits and a slash per level


class Topic(Vocabulary):
    class Meta:
        ordering = ["name"]
        indexes = [models.Index(Lower("name"), "name", "id", name="topic_by_name")]  # the menu's first topics

    def get_absolute_url(self):
        return slug_url("articles:topic", self.slug)


class TaggedRegion(TaggedItemBase):
    tag = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="region_links")
    # The article's publish_at, copied by database triggers on every write (migration 0024), as a
    # byline's is: a tag's page reads its newest stories in order from the index below.
    article_publish_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_region")]
        indexes = [
            models.Index(fields=["tag", "-article_publish_at", "-content_object"], name="region_link_published"),
        ]


class TaggedTopic(TaggedItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="topic_links")
    article_publish_at = models.DateTimeField(null=True, editable=False)  # as TaggedRegion's

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_topic")]
        indexes = [
            models.Index(fields=["tag", "-article_publish_at", "-content_object"], name="topic_link_published"),
        ]


TAG = re.compile(r"<[^>]*>")


class Article(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Kind(models.TextChoices):
        NEWS = "news", "News"
        ANALYSIS = "analysis", "Analysis"
        OPINION = "opinion", "Opinion"
        REVIEW = "review", "Review"
        EXPLAINER = "explainer", "Explainer"

    # The schema.org type search engines read for each kind (JSON-LD on the article page).
    SCHEMA_TYPES = {
        Kind.NEWS: "NewsArticle",
        Kind.ANALYSIS: "AnalysisNewsArticle",
        Kind.OPINION: "OpinionNewsArticle",
        Kind.REVIEW: "ReviewNewsArticle",
        Kind.EXPLAINER: "BackgroundNewsArticle",
    }

    # What restoring an old revision brings back (with bylines and tags). The address and the
    # publication state stay as they are: restoring wording must not move or unpublish a story.
    CONTENT_FIELDS = [
        "headline",
        "deck",
        "body",
        "summary",
        "lead_image_id",
    ]

    kind = models.CharField(
        max_length=20,
        choices=Kind,
        default=Kind.NEWS,
        help_text="Every kind but News is labelled for readers; the kind also sets the schema.org type.",
    )
    headline = LineField(max_length=200)
    slug = LineField(
        max_length=200,
        unique=True,
        blank=True,
        validators=[validate_slug],
        help_text="The article's address. Filled from the headline when left blank; must be unique.",
        error_messages={"unique": "Another article already uses this slug. Choose a different one."},
    )
    deck = LineField(
        max_length=300, blank=True, help_text="The subheadline under the headline: one sentence that sells the story."
    )
    body = MultilineField(
        blank=True,
        help_text="Paragraphs, subheadings, emphasis, links, lists, quotes and pull quotes, rules, tables and "
        "library images. Other markup is removed on save.",
    )
    summary = MultilineField(
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
        validators=[validate_sane_datetime],
        help_text="When readers can first see the article. A future time schedules it; empty means now when published.",
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    modified_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text='Shown to readers as "Updated": moved by corrections.'
    )
    embargo_until = models.DateTimeField(
        "embargo until",
        null=True,
        blank=True,
        validators=[validate_sane_datetime],
        help_text="Material received under embargo: nobody, editors included, can make the article public "
        "before this time. Changes to it are recorded in the history.",
    )
    review_note = MultilineField(
        "note to the writer", blank=True, help_text="Why an editor sent the article back; cleared when resubmitted."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Filled on PostgreSQL only, after commit, by articles/search.py (bylines and tags save after the row).
    search_vector = SearchVectorField(null=True, editable=False)
    created_by = models.ForeignKey(
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
    primary_region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The label above the headline, chosen among the article's regions. When empty, the most "
        "specific of its regions (the deepest in the tree; alphabetical among equals).",
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
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_status_publish_at"),
            # The admin's change list (every status, newest first) and its date drill-down's bounds.
            models.Index(fields=["-publish_at", "-id"], name="article_publish_at_id"),
        ]
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
        return slug_url("articles:detail", self.slug)

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
    def is_embargoed(self):
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    @property
    def kicker_region(self):
        """The region above the headline, read from the prefetched regions (no query of its own)."""
        regions = sorted(self.region_tags, key=lambda region: region.name.casefold())
        chosen = [region for region in regions if region.pk == self.primary_region_id]
        # max() keeps the first of equals: the deepest region, alphabetically among equals.
        return chosen[0] if chosen else max(regions, key=lambda region: region.depth, default=None)

    @property
    def region_tags(self):
        """The article's regions from the ``with_tags()`` prefetch, without building a manager and a
        queryset on every use (templates read them many times per card)."""
        return self._tags("regions")

    @property
    def topic_tags(self):
        return self._tags("topics")

    def _tags(self, name):
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get(name)
        return list(prefetched) if prefetched is not None else list(getattr(self, name).all())

    @property
    def byline_authors(self):
        """Authors in byline order; read from the ``with_bylines()`` prefetch when there is one
        without building a manager and a queryset (a card reads them for its byline)."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("bylines")
        bylines = prefetched if prefetched is not None else self.bylines.all()
        return [byline.author for byline in bylines]

    @property
    def byline_text(self):
        names = [author.name for author in self.byline_authors]
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)

    @property
    def schema_type(self):
        return self.SCHEMA_TYPES.get(self.kind, "NewsArticle")

    @property
    def shows_kind_label(self):
        """News is the default and goes unlabelled; every other kind is named to readers."""
        return self.kind != self.Kind.NEWS

    @property
    def word_count(self):
        # The body is sanitised on save, so a tag is exactly "<...>"; a regular expression counts
        # in a fraction of what Django's HTML-parsing strip_tags takes, and keeps words in
        # neighbouring paragraphs apart ("</p><p>").
        return len(TAG.sub(" ", self.body).split())

    @property
    def reading_minutes(self):
        """Minutes to read the body at 230 words a minute (an adult's silent reading pace), at least 1."""
        return max(1, round(self.word_count / 230))

    @property
    def teaser(self):
        """Plain text for listings and the meta description (from the body's start on cards, which
        do not load the whole body)."""
        if self.summary or self.deck:
            return self.summary or self.deck
        body = self.body_start if "body" in self.get_deferred_fields() else self.body
        return Truncator(strip_tags(body)).words(40)


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        related_name="bylines",
        help_text="Authors with bylines cannot be deleted.",
        db_index=False,  # the author's index below starts with it
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the byline: lowest first.")
    # The article's publish_at, copied by the database itself (triggers, migration 0023) on every
    # write to a byline or to the article's publish_at, whatever path the write takes; the value
    # on an instance in memory may be stale, so nothing reads it but SQL. It puts an author's
    # articles in the index below in publication order: an author's page then reads its twenty
    # newest directly, instead of walking the whole archive's newest until twenty are the
    # author's. Whether an article is public is still decided by ``published()`` alone.
    article_publish_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_author_per_article")]
        indexes = [
            models.Index(fields=["author", "-article_publish_at", "-article"], name="byline_author_published"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class FrontPagePlacementQuerySet(models.QuerySet):
    def current(self, *, at=None):
        return self.filter(Q(until__isnull=True) | Q(until__gt=timezone.now() if at is None else at))


class FrontPagePlacement(models.Model):
    """An editor's choice for the home page. Whether the article shows is still decided by
    ``published()``: a placement never makes anything public."""

    class Slot(models.TextChoices):
        LEAD = "lead", "Lead story"
        FEATURED = "featured", "Featured"

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="front_page_placement")
    slot = models.CharField(max_length=20, choices=Slot, default=Slot.FEATURED)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order among featured stories: lowest first.")
    until = models.DateTimeField(
        null=True,
        blank=True,
        validators=[validate_sane_datetime],
        help_text="The story leaves its place at this time. Empty: until you remove it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = FrontPagePlacementQuerySet.as_manager()

    class Meta:
        ordering = ["slot", "position", "pk"]
        verbose_name = "front-page placement"

    def __str__(self):
        return f"{self.get_slot_display()}: {self.article}"


class VocabularyRedirect(models.Model):
    """An address a region or topic used to have (renamed or merged away): a permanent redirect."""

    old_slug = LineField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.old_slug} → {self.tag.slug}"


class RegionRedirect(VocabularyRedirect):
    tag = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="redirects")


class TopicRedirect(VocabularyRedirect):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="redirects")


class SlugRedirect(models.Model):
    """An address a published article used to have; it answers with a permanent redirect."""

    old_slug = LineField(max_length=200, unique=True)
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
    note = MultilineField(help_text="What was wrong and what is right now, as readers will read it.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.article}"


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
# They leave out the database's copies of the article's time (migrations 0023 and 0024).
reversion.register(Byline, exclude=["article_publish_at"])
reversion.register(TaggedRegion, exclude=["article_publish_at"])
reversion.register(TaggedTopic, exclude=["article_publish_at"])
# The search vector is derived data, rebuilt after every save: revisions need not carry it.
reversion.register(Article, follow=["bylines", "region_links", "topic_links"], exclude=["search_vector"])
