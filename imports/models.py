from django.db import models

from articles.models import Article
from authors.models import Author
from images.models import Image


class WordPressPost(models.Model):
    """What an import made from one WordPress post, so a re-run updates it instead of duplicating it.

    Keyed by the post id and the GUID together: a second export of the same site keeps both.
    ``source_hash`` is a digest of everything the import reads from the post, so an unchanged post
    is left untouched (no save, no new revision) on the next run.
    """

    post_id = models.PositiveBigIntegerField(unique=True)
    guid = models.CharField(max_length=500, db_index=True)
    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="wordpress_post")
    source_hash = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "WordPress post"

    def __str__(self):
        return f"WordPress post {self.post_id} → {self.article}"


class LegacyPath(models.Model):
    """An address the article had on WordPress (its permalink, ``/YYYY/MM/DD/slug/``): a 301 to it
    while it is public, a 404 otherwise (``imports.views``)."""

    path = models.CharField(max_length=500, unique=True, help_text="Decoded path, with its trailing slash.")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="legacy_paths")

    def __str__(self):
        return f"{self.path} → {self.article}"


class WordPressAuthor(models.Model):
    """The Newsroom author a WordPress login (or Co-Authors Plus guest author) became."""

    login = models.CharField(max_length=200, unique=True)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"{self.login} → {self.author}"


class WordPressAttachment(models.Model):
    """The library image a WordPress attachment became."""

    post_id = models.PositiveBigIntegerField(unique=True)
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"WordPress attachment {self.post_id} → {self.image}"
