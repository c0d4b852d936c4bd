"""After-commit refreshes only: the page-cache generation, the stored search vector and the cached
masthead menu.

The page cache listens to every model of the apps whose rows appear on public pages, so a model
added later is covered without remembering to list it; work in progress that readers have never
seen (a draft or a piece in review, its bylines and tags) changes nothing for them and keeps the
cache. Bylines and tag links are saved after the article row (admin inlines, taggit), so each of
them triggers a refresh of its article's search vector too.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from authors.models import Author

from . import navigation, pagecache, search
from .models import Article, Byline, Region, TaggedRegion, TaggedTopic, Topic

PUBLIC_APPS = ("articles", "authors", "images")
PRIVATE_MODELS = {"previewlink"}

# --- page cache ----------------------------------------------------------------------------------


def _article_of(instance):
    if isinstance(instance, Article):
        return instance
    if hasattr(instance, "article_id") and instance._meta.model_name in ("byline", "correction"):
        return Article.objects.filter(pk=instance.article_id).first()
    if hasattr(instance, "content_object_id"):  # region and topic links
        return Article.objects.filter(pk=instance.content_object_id).first()
    return None


def _readers_could_see(instance) -> bool:
    article = _article_of(instance)
    if article is None:
        return True
    never_public = article.status in (article.Status.DRAFT, article.Status.REVIEW) and not article.first_published_at
    return not never_public


def content_saved(sender, instance, **kwargs):
    if _readers_could_see(instance):
        transaction.on_commit(pagecache.content_changed)


def tags_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and _readers_could_see(instance):
        transaction.on_commit(pagecache.content_changed)


def connect():
    for app_label in PUBLIC_APPS:
        if not apps.is_installed(app_label):
            continue
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.model_name in PRIVATE_MODELS:
                continue
            post_save.connect(content_saved, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
            post_delete.connect(content_saved, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
            m2m_changed.connect(tags_changed, sender=model, dispatch_uid=f"pagecache-m2m-{model._meta.label}")


# --- search vector and menu ---------------------------------------------------------------------


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.schedule_refresh(instance.pk)
    navigation.forget_menu()


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    navigation.forget_menu()


@receiver([post_save, post_delete], sender=Byline)
def byline_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        search.schedule_refresh(instance.article_id)


@receiver([post_save, post_delete], sender=TaggedRegion)
@receiver([post_save, post_delete], sender=TaggedTopic)
def tag_link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        search.schedule_refresh(instance.content_object_id)
    navigation.forget_menu()


@receiver([post_save, post_delete], sender=Region)
@receiver([post_save, post_delete], sender=Topic)
def vocabulary_changed(sender, instance, created=False, raw=False, **kwargs):
    navigation.forget_menu()
    if kwargs["signal"] is post_save and not created and not raw:
        # A renamed region or topic: its articles are found by the new name.
        search.schedule_refresh_many(instance.tagged_articles.values_list("content_object_id", flat=True))


@receiver(post_save, sender=Author)
def author_saved(sender, instance, created=False, raw=False, **kwargs):
    if not created and not raw:
        search.schedule_refresh_many(instance.bylines.values_list("article_id", flat=True))
