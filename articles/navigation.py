"""What readers browse by: the masthead menu and the region, topic and author indexes.

Every count comes from ``Article.objects.published()``. The menu appears on every page, so it is
cached (it would otherwise add two queries to each page's budget) and forgotten whenever an
article, a tag link or a region/topic is saved or deleted (articles/signals.py). The timeout also
bounds how late a scheduled article's tags reach the default menu.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, F, Q

from authors.models import Author

from .models import Article, Region, Topic

MENU_CACHE_KEY = "articles:masthead-menu:v1"
MENU_TIMEOUT = 300
DEFAULT_MENU_SIZE = 6


@dataclass(frozen=True)
class MenuItem:
    name: str
    url: str


def tags_with_published_work(model):
    """An index page: every region or topic with public articles, by name, with its count."""
    return model.objects.with_published_counts().order_by("name")


def authors_with_published_work():
    """An index page: every active author with public articles, by name, with a count."""
    public = Article.objects.published().values("pk")
    count = Count("bylines", filter=Q(bylines__article__in=public))
    return Author.objects.active().annotate(published_count=count).filter(published_count__gt=0).order_by("name")


def _menu_tags(model):
    """The editor's picks in their order; when there are none, the busiest sections. One query:
    picks sort first, so either the head of the list is picked or nothing is."""
    order = [F("menu_position").asc(nulls_last=True), "-published_count", "name"]
    tags = list(model.objects.with_published_counts().order_by(*order)[:DEFAULT_MENU_SIZE])
    picked = [tag for tag in tags if tag.menu_position is not None]
    return picked or tags[: DEFAULT_MENU_SIZE // 2]


def build_menu():
    return [MenuItem(tag.name, tag.get_absolute_url()) for model in (Region, Topic) for tag in _menu_tags(model)]


def masthead_menu():
    return cache.get_or_set(MENU_CACHE_KEY, build_menu, MENU_TIMEOUT)


def forget_menu():
    cache.delete(MENU_CACHE_KEY)
