import pytest
from django.db.models import ProtectedError
from django.utils import timezone

from articles.models import Article, Byline, Region, Topic
from newsroom.sanitizer import sanitize_body
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_published_is_live_articles_only(twin_articles):
    assert list(Article.objects.published()) == [twin_articles["live"]]


def test_scheduled_article_goes_live_when_its_time_comes():
    article = ArticleFactory(scheduled=True)
    assert article not in Article.objects.published()
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now())
    assert article in Article.objects.published()


def test_bylines_keep_the_editors_order_not_alphabetical_or_creation_order():
    zed, amy, mo = AuthorFactory(name="Zed Zulu"), AuthorFactory(name="Amy Adams"), AuthorFactory(name="Mo Mahdi")
    article = ArticleFactory(authors=[])
    Byline.objects.create(article=article, author=amy, position=2)
    Byline.objects.create(article=article, author=zed, position=0)
    Byline.objects.create(article=article, author=mo, position=1)

    loaded = Article.objects.with_bylines().get(pk=article.pk)
    assert loaded.byline_authors == [zed, mo, amy]
    assert loaded.byline_text == "Zed Zulu, Mo Mahdi and Amy Adams"


@pytest.mark.parametrize(
    ("names", "expected"),
    [([], ""), (["Ann"], "Ann"), (["Ann", "Bo"], "Ann and Bo"), (["Ann", "Bo", "Cy"], "Ann, Bo and Cy")],
)
def test_byline_text_joins_names_like_an_editor_would(names, expected):
    article = ArticleFactory(authors=[AuthorFactory(name=name) for name in names])
    assert article.byline_text == expected


def test_region_and_topic_vocabularies_never_mix():
    article = ArticleFactory(regions=["Iraq"], topics=["Iraq", "Energy"])

    assert [t.name for t in article.regions.all()] == ["Iraq"]
    assert sorted(t.name for t in article.topics.all()) == ["Energy", "Iraq"]
    assert Region.objects.get().name == "Iraq"
    assert Topic.objects.filter(name="Iraq").exists()
    assert Region.objects.filter(name="Energy").exists() is False
    assert list(Article.objects.filter(regions__name="Energy")) == []


def test_slug_comes_from_the_headline_and_never_clashes():
    first = ArticleFactory(headline="Oil prices fall again")
    second = ArticleFactory(headline="Oil prices fall again")
    assert first.slug == "oil-prices-fall-again"
    assert second.slug == "oil-prices-fall-again-2"


def test_an_edited_slug_is_kept_as_typed():
    article = ArticleFactory(headline="Anything", slug="my-chosen-slug")
    assert article.slug == "my-chosen-slug"


def test_body_is_sanitised_on_save():
    article = ArticleFactory(
        body='<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe></p>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "onerror" not in article.body
    assert "javascript:" not in article.body
    assert "iframe" not in article.body
    assert article.body.startswith("<p>Hi ")


def test_sanitiser_keeps_the_markup_a_story_needs():
    html = (
        "<h2>Sub</h2><h3>Sub</h3><h4>Sub</h4><p><strong>b</strong> <em>i</em> "
        '<a href="https://example.com/x">link</a></p><ul><li>one</li></ul><ol><li>two</li></ol>'
        "<blockquote><p>quote</p></blockquote>"
    )
    cleaned = sanitize_body(html)
    for tag in ["<h2>", "<h3>", "<h4>", "<strong>", "<em>", "<ul>", "<ol>", "<li>", "<blockquote>"]:
        assert tag in cleaned
    assert 'href="https://example.com/x"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_publishing_without_a_time_means_now_and_records_first_publication():
    article = ArticleFactory(draft=True)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.publish_at is not None
    assert article.first_published_at == article.publish_at
    assert article in Article.objects.published()


def test_deleting_an_author_with_bylines_is_refused_and_keeps_the_article():
    author = AuthorFactory()
    article = ArticleFactory(authors=[author])
    with pytest.raises(ProtectedError):
        author.delete()
    assert Article.objects.filter(pk=article.pk).exists()


def test_teaser_falls_back_from_summary_to_deck_to_body():
    assert ArticleFactory(summary="S", deck="D").teaser == "S"
    assert ArticleFactory(summary="", deck="D").teaser == "D"
    assert ArticleFactory(summary="", deck="", body="<p>Plain <em>words</em></p>").teaser == "Plain words"


def test_queries_compiled_once_still_follow_the_clock():
    """The menu, related stories and the front page compile ``published()`` once per process and
    bind the clock per call: a scheduled article reaches each of them at its time, not before."""
    from articles import frontpage, navigation
    from articles.models import FrontPagePlacement

    topic, region = Topic.objects.create(name="Água"), Region.objects.create(name="Приморье")
    live = ArticleFactory(topics=[topic])
    scheduled = ArticleFactory(scheduled=True, topics=[topic], regions=[region])
    FrontPagePlacement.objects.create(article=scheduled, slot=FrontPagePlacement.Slot.LEAD)

    def shown():
        menu = [item.name for item in navigation.build_menu()]
        return scheduled in Article.objects.related_to(live), "Приморье" in menu, frontpage.curated().lead

    assert shown() == (False, False, None)
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now())
    assert shown() == (True, True, scheduled)
