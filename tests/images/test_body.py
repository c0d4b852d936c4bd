"""Library images in an article body: stored as the editor makes them, shown with renditions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


def figure(image_id, src="/images/" + "a" * 64 + ".webp", caption="Port at dawn", alt=""):
    return (
        f'<figure class="figure"><img src="{src}" alt="{alt}" data-file="{image_id}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def test_inline_figures_are_rendered_from_the_library_with_caption_and_credit(
    client, django_assert_num_queries, no_page_cache
):
    image = ImageFactory(alt_text="Cranes over the port", credit="Photo: A. B.")
    gone = ImageFactory()
    gone_id = gone.pk
    gone.delete()
    article = ArticleFactory(
        body="<p>Before.</p>"
        + figure(image.pk)
        + figure(image.pk, alt="Cranes &amp; ships")
        + figure(gone_id, caption="Lost")
        + "<p>After.</p>"
    )
    assert f'data-file="{image.pk}"' in article.body  # stored as the editor made it

    plain = ArticleFactory(body="<p>No figures.</p>")
    client.get("/")  # warms the cached masthead menu
    with CaptureQueriesContext(connection) as without_figures:
        client.get(plain.get_absolute_url())
    with django_assert_num_queries(len(without_figures) + 1):  # one more for all the figures in the body
        html = client.get(article.get_absolute_url()).content.decode()
    body = html[html.index('class="story-body') :]
    assert '<figure class="body-figure"><picture><source type="image/webp"' in body
    assert image.rendition_set().webp[0].url in body
    assert 'alt="Cranes over the port"' in body and 'loading="lazy"' in body
    assert 'alt="Cranes &amp; ships"' in body  # the writer's alt text for this use wins
    assert '<span class="caption">Port at dawn</span> <span class="credit">Photo: A. B.</span>' in body
    assert "Lost" not in body and "a" * 64 not in body  # deleted image: the figure goes; stored src never shown
    assert body.index("Before.") < body.index("body-figure") < body.index("After.")
