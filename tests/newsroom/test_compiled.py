"""Querysets compiled once and bound per call (newsroom.compiled): every call answers for its own
values, exactly as the queryset built anew would."""

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, Region
from newsroom.compiled import _compile, compiled
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _names_starting(prefix):
    return Region.objects.filter(name__startswith=prefix).order_by("name").values_list("name", flat=True)


def _live_except(moment, skip):
    return Article.objects.published(at=moment).exclude(pk__in=skip).order_by("pk").values_list("pk", flat=True)


def _ignores_its_value(moment, region_id):
    return Article.objects.published(at=moment).values_list("pk", flat=True)


def run(build, *values, **options):
    sql, params = compiled(build, *values, **options)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def test_each_call_binds_its_own_values_like_patterns_included():
    for name in ["50%_off", "50 and more", "Приморье", "Приморский край", "الأنبار", "Côte d’Ivoire", "🌍 Earth"]:
        Region.objects.create(name=name)
    for prefix in ["50%_", "50", "Примор", "الأ", "Côte", "🌍", "nothing"]:
        assert run(_names_starting, prefix) == list(_names_starting(prefix)), prefix
    assert run(_names_starting, "50%_") == ["50%_off"]  # % and _ are matched as themselves


def test_lists_moments_and_slices_are_bound_per_call():
    first, second, third = ArticleFactory(), ArticleFactory(), ArticleFactory()
    later = ArticleFactory(scheduled=True)
    now = timezone.now()
    assert run(_live_except, now, []) == [first.pk, second.pk, third.pk]
    assert run(_live_except, now, [second.pk]) == [first.pk, third.pk]
    assert run(_live_except, now, [third.pk, first.pk]) == [second.pk]
    assert run(_live_except, later.publish_at, [first.pk]) == [second.pk, third.pk, later.pk]
    assert run(_live_except, now, [], bounds=(1, 3)) == [second.pk, third.pk]


def test_reading_page_after_page_does_not_grow_the_cache():
    articles = [ArticleFactory().pk for _ in range(5)]
    run(_live_except, timezone.now(), [], bounds=(0, 2))
    size = _compile.cache_info().currsize
    for start in range(0, 1000, 2):
        assert run(_live_except, timezone.now(), [], bounds=(start, start + 2)) == articles[start : start + 2]
    assert _compile.cache_info().currsize == size


def test_a_listing_s_statements_know_their_page_size_and_the_first_page_its_offset():
    """The page size is in the text and the first page has no offset, so a prepared statement's
    plan is made for a page, not for the whole table; every later page shares one statement, its
    offset bound (and the first page's too when asked)."""
    now = timezone.now()
    first, first_params = compiled(_live_except, now, [], bounds=(0, 21))
    second, _ = compiled(_live_except, now, [], bounds=(20, 41))
    fifth, params = compiled(_live_except, now, [], bounds=(80, 101))
    assert first.endswith("LIMIT 21") and len(first_params) == len(params) - 1
    assert second == fifth and fifth.endswith("LIMIT 21 OFFSET %s") and params[-1] == 80
    assert compiled(_live_except, now, [], bounds=(0, 13))[0].endswith("LIMIT 13")
    assert compiled(_live_except, now, [], bounds=(0, 21), bind_offset=True)[0] == fifth


def test_a_builder_that_does_not_pass_a_value_as_a_parameter_is_refused():
    with pytest.raises(ValueError, match="every value"):
        compiled(_ignores_its_value, timezone.now(), 5)
