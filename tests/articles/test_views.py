import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory
from tests.reader_pages import headline_links, page, urls

pytestmark = pytest.mark.django_db


def public_listing_urls(twins):
    return [
        reverse("articles:home"),
        reverse("articles:region", kwargs={"slug": "iraq"}),
        reverse("articles:topic", kwargs={"slug": "energy"}),
        twins["author"].get_absolute_url(),
    ]


def test_draft_and_scheduled_articles_never_reach_readers(client, twin_articles):
    """The draft sweep: a draft and a scheduled twin beside a live article, on every public page."""
    for key in ["draft", "scheduled"]:
        response = client.get(twin_articles[key].get_absolute_url())
        assert response.status_code == 404, key

    assert client.get(twin_articles["live"].get_absolute_url()).status_code == 200
    for url in public_listing_urls(twin_articles):
        content = client.get(url).content.decode()
        assert "Live story" in content, url
        assert "Draft story" not in content, url
        assert "Scheduled story" not in content, url


def test_a_tag_used_only_by_unpublished_articles_is_not_listed(client):
    ArticleFactory(draft=True, regions=["Secret Place"], topics=["Secret Merger"])
    assert client.get(reverse("articles:region", kwargs={"slug": "secret-place"})).status_code == 404
    assert client.get(reverse("articles:topic", kwargs={"slug": "secret-merger"})).status_code == 404


def test_unknown_pages_are_404(client):
    assert client.get(reverse("articles:detail", kwargs={"slug": "no-such-story"})).status_code == 404
    assert client.get(reverse("articles:region", kwargs={"slug": "nowhere"})).status_code == 404
    assert client.get(reverse("authors:detail", kwargs={"slug": "nobody"})).status_code == 404


def test_inactive_author_has_no_public_page(client):
    author = AuthorFactory(is_active=False)
    assert client.get(author.get_absolute_url()).status_code == 404


def test_article_page_shows_headline_deck_byline_time_tags_and_body(client):
    amy, bo = AuthorFactory(name="Amy Adams"), AuthorFactory(name="Bo Brand")
    article = ArticleFactory(
        headline="Dam talks resume",
        deck="Negotiators return to the table.",
        body="<p>The body text.</p>",
        authors=[amy, bo],
        regions=["Iraq", "Syria"],
        topics=["Energy", "Diplomacy", "Climate"],
    )
    html = client.get(article.get_absolute_url()).content.decode()

    assert re.search(r"<h1[^>]*>\s*Dam talks resume\s*</h1>", html)
    assert "Negotiators return to the table." in html
    assert re.search(rf'<time[^>]*datetime="{re.escape(article.publish_at.isoformat())}"', html)
    assert "<p>The body text.</p>" in html
    text = re.sub(r"<[^>]+>", "", html)
    assert re.search(r"By\s+Amy Adams\s+and\s+Bo Brand", text)
    for name in ["Iraq", "Syria", "Energy", "Diplomacy", "Climate"]:
        assert name in text
    assert f'href="{reverse("articles:region", kwargs={"slug": "iraq"})}"' in html
    assert f'href="{reverse("articles:topic", kwargs={"slug": "energy"})}"' in html
    assert f'href="{amy.get_absolute_url()}"' in html


def test_a_bio_box_for_each_author_under_the_body_in_byline_order(client):
    second = AuthorFactory(name="Second Writer", title="Energy Reporter", bio="<p>Writes about oil.</p>")
    first = AuthorFactory(name="First Writer", title="Senior Editor", bio="<p>Edits the desk.</p>")
    article = ArticleFactory(authors=[first, second], body="<p>BODY-END</p>")
    html = client.get(article.get_absolute_url()).content.decode()

    boxes = re.findall(r'class="bio-box.*?(?=class="bio-box|</article>|$)', html, flags=re.S)
    assert len(boxes) == 2
    assert "Author: First Writer" in boxes[0] and "Senior Editor" in boxes[0] and "Edits the desk." in boxes[0]
    assert "Author: Second Writer" in boxes[1] and "Energy Reporter" in boxes[1] and "Writes about oil." in boxes[1]
    assert html.index("BODY-END") < html.index("Author: First Writer") < html.index("Author: Second Writer")


def test_listings_paginate_newest_first(client):
    articles = ArticleFactory.create_batch(15)
    page1 = page(client.get(reverse("articles:home")))
    # A link to the next page and none to a previous one.
    assert page1.select("pagination-next")[0].links() == ["?page=2"] and not page1.select("pagination-prev")[0].links()
    # No lead chosen and no image anywhere: the newest leads, apart from the "Latest" list.
    lead = headline_links(page1, "lead-headline")
    assert lead == urls(Article.objects.published().first())
    page2 = page(client.get(reverse("articles:home"), {"page": 2}))
    assert len(headline_links(page2)) == 3
    assert page2.select("pagination-prev")[0].links() == ["?page=1"] and not page2.select("pagination-next")[0].links()
    shown = [*lead, *headline_links(page1), *headline_links(page2)]
    assert sorted(shown) == sorted(urls(*articles))


def test_author_page_lists_only_their_published_articles(client, twin_articles):
    other = ArticleFactory(headline="Someone else's story", authors=[AuthorFactory()])
    response = client.get(twin_articles["author"].get_absolute_url())
    assert headline_links(page(response)) == urls(twin_articles["live"])
    assert other.headline not in response.content.decode()


def test_an_author_page_shows_the_profile_with_or_without_a_photo(client):
    photo = ImageFactory(alt_text="Ілля Кузьмич")
    with_photo = AuthorFactory(name="Ілля Кузьмич", title="Кореспондент", photo=photo)
    without = AuthorFactory(name="مريم الحسن", title="مراسلة")
    ArticleFactory(headline="Вода", authors=[with_photo])
    ArticleFactory(headline="الماء", authors=[without])

    shown = page(client.get(with_photo.get_absolute_url()))
    assert "Кореспондент" in shown.text
    assert shown.select("profile-photo")[0].tag == "picture" and not shown.select("avatar-initials")
    plain = page(client.get(without.get_absolute_url()))
    assert "مراسلة" in plain.text and plain.select("avatar-initials")[0].text == "ما"
    assert client.get("/authors/no-such-author/").status_code == 404


def make_articles(count, authors_each=3, tags_each=3):
    for i in range(count):
        ArticleFactory(
            lead_image=ImageFactory(),
            authors=AuthorFactory.create_batch(authors_each, photo=ImageFactory()),
            regions=[f"Region {i}-{n}" for n in range(tags_each)] + ["Iraq"],
            topics=[f"Topic {i}-{n}" for n in range(tags_each)] + ["Energy"],
        )


def this_year():
    return Article.objects.published().first().publish_at.year


def this_month():
    return timezone.localtime(Article.objects.published().first().publish_at)


PAGES = {
    # page: (url builder, queries). Each count is the page's whole budget with every cache cold
    # (the masthead menu's query included); growing one is a design change. No page pays a
    # COUNT(*): a page of a listing fetches one row more than it shows (newsroom/pagination.py).
    # home: placed stories, the latest, the rails, bylines+authors, labels (regions and topics), menu.
    "home": (lambda: reverse("articles:home"), 6),
    # region: its row, its breadcrumbs and sub-regions together (however deep the tree), the page,
    # bylines, labels, menu. Topic and author pages: their row, the page, bylines, labels, menu.
    "region": (lambda: reverse("articles:region", kwargs={"slug": "iraq"}), 6),
    "topic": (lambda: reverse("articles:topic", kwargs={"slug": "energy"}), 5),
    "author": (lambda: Article.objects.last().byline_authors[0].get_absolute_url(), 5),
    # article: the row with its corrections, related stories, bylines of all, labels of all with
    # the article's region trails, menu.
    "article": (lambda: Article.objects.last().get_absolute_url(), 5),
    # search (either engine): the page, bylines, labels, menu.
    "search": (lambda: reverse("articles:search") + "?q=headline", 4),
    # indexes: one annotated query each, and the menu.
    "region_index": (lambda: reverse("articles:region_index"), 2),
    "topic_index": (lambda: reverse("articles:topic_index"), 2),
    "author_index": (lambda: reverse("authors:index"), 2),
    # archives: the year's months, the neighbouring periods, the page, bylines, labels, menu.
    "archive_year": (lambda: reverse("articles:archive_year", kwargs={"year": this_year()}), 6),
    "archive_month": (
        lambda: reverse("articles:archive_month", kwargs={"year": this_month().year, "month": this_month().month}),
        5,
    ),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("articles", "authors_each", "tags_each"), [(1, 1, 1), (8, 3, 4)])
def test_query_count_of_public_pages_does_not_grow_with_content(
    client,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
    settings,
    page,
    articles,
    authors_each,
    tags_each,
):
    settings.PAGE_CACHE_SECONDS = 0  # the page's own queries; the page cache is tested on its own
    with django_capture_on_commit_callbacks(execute=True):  # fills the search vectors on PostgreSQL
        make_articles(articles, authors_each, tags_each)
    url_for, expected = PAGES[page]
    url = url_for()
    cache.clear()  # every cache cold: the masthead menu's query counts too
    assert expected <= 6
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


LISTINGS = ["home", "region", "topic", "author", "search", "archive_month"]


@pytest.mark.parametrize("page", LISTINGS)
def test_listing_pages_read_no_whole_body_and_no_author_profile(
    client, django_capture_on_commit_callbacks, settings, page
):
    """Cards show a teaser and their authors' names: a listing never reads the articles' whole
    bodies nor the authors' bios and photos, whatever the page's length."""
    settings.PAGE_CACHE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        make_articles(3)
    url = PAGES[page][0]()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and "Author:" not in response.content.decode()
    selected = [q["sql"].partition(" FROM ") for q in queries]  # (what a query reads, _, where from)
    body = re.compile(r'(?<!SUBSTR\()(?<!SUBSTRING\()("articles_article"\.|\ba\.)"?body"?\b')
    assert not [columns for columns, _, _ in selected if body.search(columns)]
    bylines = [columns for columns, _, tables in selected if "articles_byline" in tables.split(" WHERE ")[0]]
    assert bylines and not [columns for columns in bylines if re.search(r'\."?(bio|photo_id)"?\b', columns)]


@pytest.mark.parametrize("page", ["home", "region", "topic", "author", "article"])
def test_a_card_teases_with_its_summary_its_deck_or_the_start_of_its_body(no_page_cache, client, page):
    """The body's start is read only for a card with neither summary nor deck: listings build their
    cards from ``querysets.body_start()``, the article page's related stories from the written-out
    ``loading.card_columns()``; both must tease alike."""
    texts = [("Résumé: la crue ✓", "Deck one", "Body one"), ("", "Подзаголовок №2", "Body two"),
             ("", "", "<p>بداية <em>النص</em> الثالث</p>")]  # fmt: skip
    author = AuthorFactory(name="Zoë Ó Briain")
    for summary, deck, body in texts:
        ArticleFactory(summary=summary, deck=deck, body=body, authors=[author], regions=["Iraq"], topics=["Energy"])
    if page == "article":  # the first story's page (its summary is its description); the others are related cards
        html = client.get(Article.objects.get(summary__startswith="Résumé").get_absolute_url()).content.decode()
        assert html.count('class="card-teaser"') == 2
    else:
        html = client.get(PAGES[page][0]()).content.decode()
        assert "Body one" not in html
    for teaser in ["Résumé: la crue ✓", "Подзаголовок №2", "بداية النص الثالث"]:
        assert teaser in html
    assert "Body two" not in html


def test_the_article_page_reads_its_authors_profiles(client):
    author = AuthorFactory(name="Ілля Кузьмич", title="Кореспондент", bio="<p>Пише про воду.</p>", photo=ImageFactory())
    article = ArticleFactory(authors=[author])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Author: Ілля Кузьмич" in html and "Кореспондент" in html and "Пише про воду." in html
    assert "bio-photo" in html and "avatar-initials" not in html


def test_the_masthead_menu_is_cached_between_requests(no_page_cache, client, django_assert_num_queries):
    make_articles(3)
    with django_assert_num_queries(PAGES["home"][1]):
        client.get(reverse("articles:home"))
    with django_assert_num_queries(PAGES["home"][1] - 1):
        client.get(reverse("articles:home"))


def test_pages_show_responsive_renditions_never_the_original(client):
    image = ImageFactory(alt_text="Cranes at the port", caption="The port at dawn.", credit="Photo: A. B.")
    author = AuthorFactory(photo=ImageFactory())
    article = ArticleFactory(lead_image=image, authors=[author], body="<p>" + "word " * 700 + "</p>")
    detail = client.get(article.get_absolute_url()).content.decode()
    home = client.get(reverse("articles:home")).content.decode()
    for html in (detail, home):
        assert '<source type="image/webp" srcset="' in html
        assert image.file.name not in html and "/media/" not in html
    assert 'alt="Cranes at the port"' in detail
    assert 'fetchpriority="high"' in detail and 'loading="lazy"' in detail  # lead eager, bio photo lazy
    assert "The port at dawn." in detail and "Photo: A. B." in detail
    assert "3 min read" in detail
    assert f'content="{settings.SITE_URL}/images/' in detail  # og:image: an absolute rendition URL


def test_a_draft_only_image_is_never_linked_from_public_pages(client, twin_articles):
    secret = ImageFactory()
    draft = twin_articles["draft"]
    draft.lead_image = secret
    draft.save()
    names = [r.name.split("/")[1] for r in secret.rendition_set("4:3").webp]
    for url in [reverse("articles:home"), twin_articles["author"].get_absolute_url(), "/regions/iraq/"]:
        html = client.get(url).content.decode()
        assert not any(name in html for name in names)


def test_an_article_page_lists_its_corrections_oldest_first_once_each(client, no_page_cache, django_assert_num_queries):
    from articles.models import Correction

    article = ArticleFactory(headline="Загата на Дністрі", authors=[AuthorFactory(name="Zoë Ødegård")])
    later = timezone.now() - timedelta(minutes=5)
    Correction.objects.create(article=article, kind="update", note="Рівень води впав. 💧", created_at=later)
    Correction.objects.create(article=article, kind="correction", note="The dam is 40 m high, not 400.",
                              created_at=later - timedelta(days=1))  # fmt: skip
    plain = ArticleFactory(headline="Без виправлень")
    with django_assert_num_queries(5):
        html = client.get(article.get_absolute_url()).text
    assert html.count('<h1 class="story-headline">Загата на Дністрі</h1>') == 1
    assert html.count('<li class="correction correction--') == 2
    assert html.index("The dam is 40 m high, not 400.") < html.index("Рівень води впав. 💧")
    assert html.count("Zoë Ødegård</a>") == 1  # the byline, not repeated per correction
    assert "corrections-heading" not in client.get(plain.get_absolute_url()).text
