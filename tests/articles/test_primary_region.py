"""The primary region is the label above the headline, on the article page and on cards."""

import pytest
from django.urls import reverse

from articles.models import Region
from tests.admin_forms import article_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_primary_region_is_the_kicker_on_the_page_and_cards(client):
    article = ArticleFactory(regions=["Afghanistan", "Zambia"])
    article.primary_region = Region.objects.get(name="Zambia")
    article.save()
    kicker = '<p class="kicker"><a href="/regions/zambia/">Zambia</a></p>'
    assert kicker in client.get(article.get_absolute_url()).content.decode()
    assert kicker in client.get(reverse("articles:home")).content.decode()


def test_without_a_primary_region_the_first_alphabetically_among_the_deepest_leads(client):
    article = ArticleFactory(regions=["Zambia", "Afghanistan"])
    assert article.kicker_region.name == "Afghanistan"


def test_the_primary_region_must_be_one_of_the_articles_regions(client, editor):
    article = ArticleFactory(regions=["Iraq"], authors=[])
    peru = Region.objects.create(name="Peru")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form_data(article=article, primary_region=str(peru.pk)))
    assert "is not one of this article" in response.content.decode()
    iraq = Region.objects.get(name="Iraq")
    assert client.post(url, article_form_data(article=article, primary_region=str(iraq.pk))).status_code == 302
    article.refresh_from_db()
    assert article.primary_region == iraq
