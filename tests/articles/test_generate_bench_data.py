import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from articles.models import Article, Region, Topic
from authors.models import Author

pytestmark = pytest.mark.django_db


def test_the_benchmark_newsroom_is_published_bylined_and_tagged_as_specified():
    call_command("generate_bench_data", articles=40, authors=6, verbosity=0)
    assert Article.objects.published().count() == 40
    assert Author.objects.count() == 6 and Region.objects.count() == 30 and Topic.objects.count() == 40
    counts = Article.objects.annotate(
        b=Count("bylines", distinct=True), r=Count("region_links", distinct=True), t=Count("topic_links", distinct=True)
    )
    assert all(1 <= a.b <= 2 and 1 <= a.r <= 3 and 2 <= a.t <= 4 for a in counts)
    assert all(len(a.body.split("<p>")) == 9 for a in Article.objects.all())  # 8 paragraphs
    with pytest.raises(CommandError, match="already holds articles"):
        call_command("generate_bench_data", articles=1, verbosity=0)


def test_the_same_seed_makes_the_same_newsroom():
    call_command("generate_bench_data", articles=5, authors=3, verbosity=0)
    first = list(Article.objects.order_by("pk").values_list("headline", "publish_at__date"))
    Article.objects.all().delete()
    Author.objects.all().delete()
    Region.objects.all().delete()
    Topic.objects.all().delete()
    call_command("generate_bench_data", articles=5, authors=3, verbosity=0)
    assert [h for h, _ in first] == list(Article.objects.order_by("pk").values_list("headline", flat=True))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the visibility map is PostgreSQL's")
def test_the_benchmark_newsroom_is_left_as_autovacuum_would_leave_it():
    """Pages are measured on a database in its steady state: every table the pages read has been
    vacuumed (index-only scans need no table reads) and analysed, as autovacuum would do in time."""
    call_command("generate_bench_data", articles=20, authors=3, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables"
            " WHERE relname = ANY(%s) AND (last_vacuum IS NULL OR last_analyze IS NULL)",
            [["articles_article", "articles_byline", "articles_taggedregion", "articles_taggedtopic"]],
        )
        assert cursor.fetchall() == []
