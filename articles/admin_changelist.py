"""The article change list: its filters, its search and its paginator, built to stay fast on a
newsroom of 100,000 articles and more (see docs/benchmarks.md for the figures).

- A filter's choices come from one EXISTS per region, topic or author (an index probe that stops
  at the first article), never from a DISTINCT over every article's tags or bylines.
- Search uses the stored full-text vector on PostgreSQL (headline, deck, summary, bylines, tags,
  body, behind a GIN index), where a substring search reads every body; SQLite keeps substrings.
- The total behind a filter is not counted a second time (``show_full_result_count``), and a
  search counts its matches only up to ``SEARCH_COUNT_CAP`` (a common word matches most of the
  archive; the newest matches come first, and more words narrow it).
- The date drill-down's years come from the first and last dates rather than from a DISTINCT over
  every matching row: read along the date index for a filter that matches many articles (the walk
  stops at the first match each way), from the matches themselves for one that matches few.
"""

import datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Paginator
from django.db.models import Exists, Max, Min, OuterRef
from django.utils import timezone
from django.utils.functional import cached_property

from authors.models import Author

from . import search, vocabulary
from .models import Byline, Region, TaggedRegion, TaggedTopic, Topic
from .querysets import ArticleQuerySet

SEARCH_COUNT_CAP = 1000
# Up to this many matches, a filter's first and last dates are read from the matches (a few
# milliseconds); beyond it, along the date index, which passes every article that does not match
# on its way: 1.4 s at 100,000 articles for a filter matching nothing.
FEW_MATCHES = 2000


class TagFilter(admin.SimpleListFilter):
    """Filter the change list by one region or topic; lists only tags in use."""

    tag_model = None
    through = None

    def lookups(self, request, model_admin):
        in_use = Exists(self.through.objects.filter(tag=OuterRef("pk")))
        tags = vocabulary.visible_to(request.user, self.tag_model).filter(in_use).order_by("name")
        return [(tag.slug, tag.name) for tag in tags]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.parameter_name}__slug": self.value()})
        return queryset


class RegionFilter(TagFilter):
    title = parameter_name = "regions"
    tag_model = Region
    through = TaggedRegion


class TopicFilter(TagFilter):
    title = parameter_name = "topics"
    tag_model = Topic
    through = TaggedTopic


class AuthorFilter(admin.SimpleListFilter):
    """Authors with at least one byline, by name (the parameter Django's own filter used)."""

    title = "authors"
    parameter_name = "authors__id__exact"

    def lookups(self, request, model_admin):
        with_bylines = Author.objects.filter(Exists(Byline.objects.filter(author=OuterRef("pk"))))
        return [(str(pk), name) for pk, name in with_bylines.order_by("name").values_list("pk", "name")]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            author = int(self.value())
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error
        return queryset.filter(bylines__author=author)


class StateFilter(admin.SimpleListFilter):
    """Status as the newsroom sees it, with "scheduled" apart from live articles."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("review", "In review"), ("scheduled", "Scheduled"), ("live", "Live"),
                ("withdrawn", "Withdrawn")]  # fmt: skip

    def queryset(self, request, queryset):
        match self.value():
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
            case None:
                return queryset
            case state:
                return queryset.in_state(state)


class DateSafeChangeList(ChangeList):
    """A drill-down link edited to the end of the calendar (year 9999, month 12) overflows while
    Django computes the period's end; that is a bad lookup, answered like any other (``?e=1``)."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error

    def get_queryset(self, request, exclude_parameters=None):
        articles = super().get_queryset(request, exclude_parameters)
        articles.__class__ = ChangeListArticles  # the same query; only how its years are listed differs
        return articles


class ChangeListArticles(ArticleQuerySet):
    """The change list's articles. Django's date drill-down asks them for MIN and MAX of the date
    and then for every distinct year; with a filter's join PostgreSQL reads every matching row for
    both. Here the bounds come from the matches when they are few (``FEW_MATCHES``), else from the
    first row each way along the date index, and the years are those between them."""

    def aggregate(self, *args, **kwargs):
        first, last = kwargs.get("first"), kwargs.get("last")
        if args or set(kwargs) != {"first", "last"} or not (isinstance(first, Min) and isinstance(last, Max)):
            return super().aggregate(*args, **kwargs)
        return self.date_bounds(first.source_expressions[0].name)

    def date_bounds(self, field_name):
        if not hasattr(self, "_date_bounds"):
            dated = self.order_by().exclude(**{field_name: None})
            if len(dated.values_list("pk", flat=True)[: FEW_MATCHES + 1]) <= FEW_MATCHES:
                low, high = dated.aggregate(low=Min(field_name), high=Max(field_name)).values()
            else:
                dates = dated.values_list(field_name, flat=True)
                low, high = dates.order_by(field_name).first(), dates.order_by(f"-{field_name}").first()
            self._date_bounds = {"first": low, "last": high}
        return self._date_bounds

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind != "year":
            return super().datetimes(field_name, kind, order, tzinfo)
        bounds = self.date_bounds(field_name)
        if bounds["first"] is None:
            return []
        zone = tzinfo or timezone.get_current_timezone()
        first, last = (timezone.localtime(bounds[end], zone).year for end in ("first", "last"))
        years = [datetime.datetime(year, 1, 1, tzinfo=zone) for year in range(first, last + 1)]
        return years if order == "ASC" else years[::-1]


class CappedCountPaginator(Paginator):
    """Counts at most ``SEARCH_COUNT_CAP`` rows: pages beyond are not offered."""

    @cached_property
    def count(self):
        return self.object_list.order_by()[:SEARCH_COUNT_CAP].count()


def search_articles(queryset, term):
    """The change list's search on PostgreSQL: every word (websearch syntax) in the stored vector.
    Returns None elsewhere, for Django's substring search over ``search_fields``."""
    term = search.clean_query(term)
    if not term or not search.uses_postgres():
        return None
    return queryset.filter(search_vector=SearchQuery(term, search_type="websearch", config=search.SEARCH_CONFIG))
