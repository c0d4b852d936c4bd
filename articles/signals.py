"""After-commit refreshes: a change readers could see starts a new page-cache generation.

Connected to every model of the apps whose rows appear on public pages, so a model added later
is covered without remembering to list it. Work in progress that readers have never seen (a
draft or a piece in review, its bylines and tags) changes nothing for them and keeps the cache.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import pagecache

PUBLIC_APPS = ("articles", "authors", "images")
PRIVATE_MODELS = {"previewlink"}


def _article_of(instance):
    from .models import Article

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
