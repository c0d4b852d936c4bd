import pytest
from django.db import connection
from django.urls import reverse

from articles import search
from tests.factories import ArticleFactory, AuthorFactory
from tests.reader_pages import page

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="full-text ranking and websearch syntax need PostgreSQL"
)


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Creates articles inside a block whose after-commit refreshes (the search vector) run."""

    def make(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return ArticleFactory(**kwargs)

    return make


def results(client, q, **params):
    response = client.get(reverse("articles:search"), {"q": q, **params})
    assert response.status_code == 200
    return response, [headline.text for headline in page(response).select("search-result-headline")]


def test_finds_published_articles_by_headline_and_body(client, indexed):
    indexed(headline="Pipeline deal signed", body="<p>The turbines arrive in spring.</p>")
    indexed(headline="Unrelated matter")
    assert results(client, "pipeline")[1] == ["Pipeline deal signed"]
    assert results(client, "turbines")[1] == ["Pipeline deal signed"]


def test_finds_text_from_the_whole_world(client, indexed):
    indexed(headline="Переговоры в Багдаде", body="<p>نفط والغاز</p>")
    indexed(headline="东京 新闻 🚄")
    assert results(client, "Переговоры")[1] == ["Переговоры в Багдаде"]
    assert results(client, "东京")[1] == ["东京 新闻 🚄"]


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "x" * 10_000,
        "'; DROP TABLE articles_article; --",
        "\x00null\x00byte",
        ".*+?[](){}^$|\\",
        '"unclosed phrase',
        "-",
        "or and not <-> !:*&|",
        "%_%",
        "\u202etxt.exe",
    ],
)
def test_empty_long_and_hostile_queries_get_a_normal_page(client, indexed, q):
    indexed(headline="A harmless story")
    response, _ = results(client, q)
    assert b"Search" in response.content


def test_the_query_is_shown_back_escaped(client, indexed):
    response, _ = results(client, "<script>alert(1)</script>")
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_results_are_paginated(client, indexed):
    for n in range(25):
        indexed(headline=f"Harbour report {n}")
    first, headlines = results(client, "harbour")
    assert len(headlines) == 20 and page(first).select("pagination-next")[0].links() == ["?q=harbour&page=2"]
    assert len(results(client, "harbour", page=2)[1]) == 5
    assert client.get(reverse("articles:search"), {"q": "harbour", "page": 3}).status_code == 404


def test_drafts_and_scheduled_articles_are_never_found(client, indexed):
    indexed(headline="Secret merger", draft=True)
    indexed(headline="Secret merger scheduled", scheduled=True)
    assert results(client, "secret")[1] == []


@postgres_only
def test_ranking_puts_headline_matches_before_body_matches(client, indexed):
    indexed(headline="Ordinary day", body="<p>Mentions the reservoir once.</p>")
    indexed(headline="Reservoir levels fall")
    assert results(client, "reservoir")[1] == ["Reservoir levels fall", "Ordinary day"]


@postgres_only
def test_author_names_and_tags_are_searchable_and_kept_current(client, indexed, django_capture_on_commit_callbacks):
    article = indexed(headline="Market story", topics=["Copper"])
    assert results(client, "copper")[1] == ["Market story"]
    with django_capture_on_commit_callbacks(execute=True):
        article.topics.clear()
        article.bylines.create(author=AuthorFactory(name="Zanzibar Quillfeather"), position=0)
    assert results(client, "copper")[1] == []
    assert results(client, "Quillfeather")[1] == ["Market story"]


@postgres_only
def test_websearch_syntax_phrases_and_negation(client, indexed):
    indexed(headline="Oil price rises", body="<p>Oil price news.</p>")
    indexed(headline="Price of oil in opinion", body="<p>The price, oil.</p>")
    assert results(client, '"oil price"')[1] == ["Oil price rises"]
    assert results(client, "oil -opinion")[1] == ["Oil price rises"]


@postgres_only
def test_snippets_highlight_matches_and_escape_the_rest(client, indexed):
    indexed(headline="Bridge", body="<p>The river &lt;b&gt;old&lt;/b&gt; bridge was rebuilt in spring.</p>")
    html = client.get(reverse("articles:search"), {"q": "river"}).content.decode()
    assert "<mark>river</mark>" in html
    assert "&lt;b&gt;old&lt;/b&gt;" in html
    assert "XXNRMARKXX" not in html


@postgres_only
def test_snippets_show_the_body_text_without_its_markup(client, indexed):
    """The body's HTML goes to PostgreSQL's ts_headline as it is: its parser leaves tags out of the
    snippet, attributes included, so an address or a picture's data never shows as text."""
    indexed(
        headline="Право на воду",
        body='<p>The <strong>water</strong> rights case, said <a href="https://example.org/water-rights?x=1&amp;y=2"'
        ' title="rights of water">the court</a>, is settled.</p><figure data-image="12"></figure>'
        "<ul><li>Старі права</li></ul><p>Line<br>break &amp; water rights again.</p>",
    )
    html = client.get(reverse("articles:search"), {"q": "water rights"}).content.decode()
    snippet = html[html.index("search-result-snippet") :].split("</p>", 1)[0]
    assert "<mark>water</mark>" in snippet and "<mark>rights</mark>" in snippet and "the court" in snippet
    assert "example.org" not in snippet and "data-image" not in snippet and "strong" not in snippet
    assert "&amp;lt;" not in snippet and "&lt;" not in snippet


def test_clean_query_normalises_and_bounds_length():
    assert search.clean_query("  a\x00b\u202e  c ") == "ab c"
    assert len(search.clean_query("y" * 10_000)) == search.MAX_QUERY_LENGTH


def test_engine_matches_the_database():
    assert search.uses_postgres() == (connection.vendor == "postgresql")


@postgres_only
def test_renaming_an_author_or_a_topic_refreshes_their_articles(client, indexed, django_capture_on_commit_callbacks):
    author = AuthorFactory(name="Old Name")
    indexed(headline="Port story", authors=[author], topics=["Shipping"])
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Bartholomew Nightingale"
        author.save()
        topic = author.articles.get().topics.get()
        topic.name = "Containerisation"
        topic.save()
    assert results(client, "Nightingale")[1] == ["Port story"]
    assert results(client, "Containerisation")[1] == ["Port story"]
    assert results(client, "Shipping")[1] == []
