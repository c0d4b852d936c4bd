"""After-commit refreshes only: the stored search vector and the cached masthead menu.

Bylines and tag links are saved after the article row (admin inlines, taggit), so each of them
triggers a refresh of its article too.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from authors.models import Author

from . import navigation, search
from .models import Article, Byline, Region, TaggedRegion, TaggedTopic, Topic


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
