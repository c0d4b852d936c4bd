"""The API's article body is HTML a consumer can show as it is: no library ids to resolve, no
address that only works on the site."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.absolute import absolute_html
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db

SITE = "https://news.example.com"


def figure(image_id, caption="Port at dawn"):
    stored_src = "/images/" + "a" * 64 + ".webp"  # what the editor showed; never meant for readers
    return (
        f'<figure class="figure"><img src="{stored_src}" alt="" data-file="{image_id}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE


def test_figures_become_images_with_absolute_rendition_urls_and_links_absolute(client, site):
    image = ImageFactory(alt_text="Cranes over the port", credit="Photo: A. B.")
    article = ArticleFactory(
        slug="dam-opens",
        body='<p>See <a href="/regions/iraq/">Iraq</a>, <a href="https://example.org/x">a source</a>, '
        '<a href="mailto:desk@example.com">the desk</a> and <a href="#notes">notes</a>.</p>' + figure(image.pk),
    )
    for body in [
        client.get("/api/v1/articles/").json()["results"][0]["body"],
        client.get(f"/api/v1/articles/{article.slug}/").json()["body"],
    ]:
        assert "data-file" not in body and "a" * 64 not in body  # no library id, no editor-only address
        assert f'<a href="{SITE}/regions/iraq/"' in body
        assert '<a href="https://example.org/x"' in body and 'href="mailto:desk@example.com"' in body
        assert '<a href="#notes"' in body  # an anchor in the body stays in the body
        img = re.search(r"<img [^>]*>", body).group(0)
        assert 'alt="Cranes over the port"' in img
        fallback = image.rendition_set().fallback
        assert re.search(r'src="(https://news\.example\.com/images/[0-9a-f]{64}\.(jpg|png))"', img)
        assert f"{SITE}{fallback[0].url} {fallback[0].width}w" in img  # every srcset candidate absolute
        assert f"{SITE}{image.rendition_set().webp[0].url} " in body  # the WebP <source> too
        assert not re.search(r'(src|srcset|href)="/', body)  # nothing relative is left
        assert '<span class="caption">Port at dawn</span> <span class="credit">Photo: A. B.</span>' in body


def test_the_api_body_and_the_article_page_render_figures_alike(client, site, no_page_cache):
    image = ImageFactory()
    article = ArticleFactory(body=figure(image.pk))
    api_body = client.get(f"/api/v1/articles/{article.slug}/").json()["body"]
    page = client.get(article.get_absolute_url()).content.decode()
    page_figure = re.search(r'<figure class="body-figure">.*?</figure>', page, re.S).group(0)
    assert api_body == absolute_html(page_figure, base=article.get_absolute_url())


def test_a_page_of_bodies_loads_their_images_in_one_query(client, site):
    ArticleFactory(body=figure(ImageFactory().pk))
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/articles/")
    for _ in range(4):
        ArticleFactory(body=figure(ImageFactory().pk) + figure(ImageFactory().pk))
    with CaptureQueriesContext(connection) as five:
        bodies = [item["body"] for item in client.get("/api/v1/articles/").json()["results"]]
    assert len(five) == len(one)
    assert sum(body.count("<img ") for body in bodies) == 9


def test_relative_addresses_resolve_against_the_given_page(settings):
    settings.SITE_URL = SITE
    html = '<a href="notes/">n</a><a href="//cdn.example.com/x">c</a><img src="/i.jpg" srcset="/a.jpg 1x, b.jpg 2x">'
    assert absolute_html(html, base="/articles/dam-opens/") == (
        f'<a href="{SITE}/articles/dam-opens/notes/">n</a><a href="https://cdn.example.com/x">c</a>'
        f'<img src="{SITE}/i.jpg" srcset="{SITE}/a.jpg 1x, {SITE}/articles/dam-opens/b.jpg 2x">'
    )


def test_only_whole_attribute_names_are_made_absolute(settings):
    settings.SITE_URL = SITE
    html = (
        '<img data-src="lazy.jpg"\nsrc="b.jpg" data-srcset="x.jpg 1x">'
        '<a data-href="n/" href="#top">↑</a><a href="mailto:a@b.c">@</a>'
    )
    assert absolute_html(html, base="/articles/dam-opens/") == (
        f'<img data-src="lazy.jpg"\nsrc="{SITE}/articles/dam-opens/b.jpg" data-srcset="x.jpg 1x">'
        '<a data-href="n/" href="#top">↑</a><a href="mailto:a@b.c">@</a>'
    )
