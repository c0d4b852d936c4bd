import json
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db

SITE = "https://news.example.com"
REQUIRED = {
    "@context",
    "@type",
    "headline",
    "description",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "mainEntityOfPage",
    "isAccessibleForFree",
}


def ld_blocks(html):
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def meta(html, key):
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)


@override_settings(SITE_URL=SITE)
@pytest.mark.parametrize(("kind", "schema_type"), list(Article.SCHEMA_TYPES.items()))
def test_one_block_of_the_kinds_type_with_every_required_property(client, kind, schema_type):
    article = ArticleFactory(kind=kind, regions=["Iraq"], topics=["Energy"], authors=[AuthorFactory()])
    blocks = ld_blocks(client.get(article.get_absolute_url(), HTTP_HOST="localhost").content.decode())
    assert len(blocks) == 1
    data = blocks[0]
    assert data["@type"] == schema_type
    assert data.keys() >= REQUIRED
    assert data["mainEntityOfPage"]["@id"] == SITE + article.get_absolute_url()
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["logo"]["url"].startswith(SITE)
    assert data["articleSection"] == "Iraq" and data["keywords"] == ["Iraq", "Energy"]
    assert data["isAccessibleForFree"] is True
    assert data["datePublished"].endswith("+00:00")


@override_settings(SITE_URL=SITE)
def test_every_author_in_byline_order_with_their_page(client):
    authors = [AuthorFactory(name=n) for n in ["Zoë Zed", "Ахмед Алиев", "李华"]]
    article = ArticleFactory(authors=authors)
    data = ld_blocks(client.get(article.get_absolute_url()).content.decode())[0]
    assert [(a["@type"], a["name"], a["url"]) for a in data["author"]] == [
        ("Person", a.name, SITE + a.get_absolute_url()) for a in authors
    ]


def test_a_headline_holding_script_stays_inert_and_round_trips(client):
    headline = 'Not </script><script>alert("x")</script> & <!-- a trap -->'
    article = ArticleFactory(headline=headline, summary="ends with </SCRIPT >")
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("<script") == html.count("</script>") == 1 + html.count('src="/static/js/share.js"')
    data = ld_blocks(html)[0]
    assert data["headline"] == headline
    assert data["description"] == "ends with </SCRIPT >"
    assert "\\u003C/script\\u003E" in html


@override_settings(SITE_URL=SITE)
def test_open_graph_twitter_canonical_and_description(client):
    author = AuthorFactory(name="Ana Autor")
    article = ArticleFactory(
        headline="Dam talks", summary="Negotiators return.", authors=[author], regions=["Iraq"], topics=["Water"]
    )
    article.lead_image = ImageFactory(alt_text="Water pours over the dam")
    article.save()
    html = client.get(article.get_absolute_url(), HTTP_HOST="localhost").content.decode()
    url = SITE + article.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "og:url") == [url]
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:title") == ["Dam talks"]
    assert meta(html, "description") == meta(html, "og:description") == ["Negotiators return."]
    assert meta(html, "og:image")[0].startswith(SITE + "/images/")  # a rendition, never the original
    assert meta(html, "og:image:alt") == ["Water pours over the dam"]
    assert meta(html, "article:author") == [SITE + author.get_absolute_url()]
    assert meta(html, "article:section") == ["Iraq"]
    assert meta(html, "article:tag") == ["Iraq", "Water"]
    assert meta(html, "article:published_time") == [article.publish_at.isoformat()]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert "localhost" not in html
    data = ld_blocks(html)[0]
    assert len(data["image"]) == 3  # 16:9, 4:3 and 1:1 renditions
    assert all(url.startswith(SITE + "/images/") for url in data["image"])
    assert len(set(data["image"])) == 3


def test_favicon_and_visible_publication_time_between_headline_and_body(client):
    article = ArticleFactory(body="<p>BODY</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'rel="icon"' in html
    assert html.index("</h1>") < html.index(f'datetime="{article.publish_at.isoformat()}"') < html.index("BODY")


@override_settings(SITE_URL=SITE)
def test_author_page_carries_profile_page_markup(client):
    author = AuthorFactory(name="Мария Ким", title="Correspondent", website="https://maria.example", twitter="@mk")
    ArticleFactory(authors=[author])
    blocks = ld_blocks(client.get(author.get_absolute_url()).content.decode())
    profile = next(b for b in blocks if b["@type"] == "ProfilePage")
    person = profile["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == "Мария Ким" and person["jobTitle"] == "Correspondent"
    assert person["url"] == SITE + author.get_absolute_url()
    assert person["sameAs"] == ["https://maria.example", "https://x.com/mk"]


@override_settings(SITE_URL=SITE)
def test_listing_pages_have_breadcrumbs_canonical_with_page_and_prev_next(client):
    ArticleFactory.create_batch(45, regions=["Iraq"])  # 20 a page: three pages
    url = reverse("articles:region", kwargs={"slug": "iraq"})
    html = client.get(url, {"page": 2}).content.decode()
    assert f'<link rel="canonical" href="{SITE}{url}?page=2">' in html
    assert f'<link rel="prev" href="{SITE}{url}">' in html
    assert f'<link rel="next" href="{SITE}{url}?page=3">' in html
    crumbs = next(b for b in ld_blocks(html) if b["@type"] == "BreadcrumbList")
    assert [i["name"] for i in crumbs["itemListElement"]] == ["Home", "Regions", "Iraq"]
    assert crumbs["itemListElement"][-1]["item"] == SITE + url


def test_share_links_without_third_party_script(client):
    article = ArticleFactory(headline="Share me & you")
    html = client.get(article.get_absolute_url()).content.decode()
    for host in ["mailto:?", "https://x.com/intent/post?", "facebook.com/sharer", "linkedin.com/sharing", "wa.me/"]:
        assert host in html
    assert "data-copy-url=" in html
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
    assert scripts == ["/static/js/share.js"]


def test_no_inline_script_code_handlers_or_style_attributes_on_reader_pages(client, twin_articles):
    pages = [
        reverse("articles:home"),
        twin_articles["live"].get_absolute_url(),
        reverse("articles:region", kwargs={"slug": "iraq"}),
        twin_articles["author"].get_absolute_url(),
        reverse("articles:search") + "?q=live",
        reverse("articles:region_index"),
        reverse("authors:index"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*(type=\"application/ld\+json\"|src=))", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        assert not re.search(r"\sstyle=", html), url


def test_kind_is_labelled_on_the_page_and_cards(client):
    article = ArticleFactory(kind=Article.Kind.ANALYSIS, headline="Why it matters")
    ArticleFactory(kind=Article.Kind.NEWS, headline="Plain news")
    assert "kind-label" in client.get(article.get_absolute_url()).content.decode()
    home = client.get(reverse("articles:home")).content.decode()
    assert home.count('class="kind-label') == 1 and ">Analysis<" in home


def test_ld_json_filter_escapes_only_what_could_end_the_script():
    from newsroom.templatetags.newsroom import ld_json

    data = {"text": "a</script><!--b-->&c\u2028d «ü» 😀"}
    html = str(ld_json(data))
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == data
