"""Whatever is typed into the admin's search boxes, filters and drill-downs, the answer is a page."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = ["\x00", "abc\x00def", "%00", "' OR 1=1 --", ".*(?:", "\u202e", "\\", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "x" * 5000]


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="ed", is_superuser=True))
    ArticleFactory(headline="Water talks", regions=["Iraq"], topics=["Energy"], authors=[AuthorFactory()])
    return client


@pytest.mark.parametrize("term", HOSTILE)
@pytest.mark.parametrize(
    "url_name",
    [
        "admin:articles_article_changelist",
        "admin:authors_author_changelist",
        "admin:articles_region_changelist",
        "admin:articles_topic_changelist",
        "admin:auth_user_changelist",
        "admin:axes_accessattempt_changelist",
    ],
)
def test_search_boxes_answer_a_page(editor_client, url_name, term):
    response = editor_client.get(reverse(url_name), {"q": term})
    assert response.status_code == 200


@pytest.mark.parametrize("term", HOSTILE)
def test_suggest_endpoints_and_autocomplete_answer_json(editor_client, term):
    for name in ["admin:articles_region_suggest", "admin:articles_topic_suggest"]:
        response = editor_client.get(reverse(name), {"term": term})
        assert response.status_code == 200
        assert response.json() == {"results": []}
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "articles", "model_name": "byline", "field_name": "author"},
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"state": "\x00"},
        {"regions": "\x00"},
        {"topics": "a\x00"},
        {"authors__id__exact": "\x00"},
        {"publish_at__year": "\x00"},
        {"publish_at__year": "99999"},
        {"publish_at__year": "9999", "publish_at__month": "12"},
        {"publish_at__year": "9999", "publish_at__month": "12", "publish_at__day": "31"},
        {"publish_at__year": "1", "publish_at__month": "1", "publish_at__day": "1"},
        {"publish_at__year": "2024", "publish_at__month": "13"},
        {"o": "\x00"},
        {"p": "\x00"},
    ],
)
def test_filters_and_the_date_drill_down_never_fail(editor_client, params):
    response = editor_client.get(reverse("admin:articles_article_changelist"), params)
    assert response.status_code in (200, 302)


def test_the_date_drill_down_at_the_ends_of_the_allowed_range(editor_client):
    for when in [datetime(1900, 1, 1, 0, 30), datetime(2100, 12, 31, 23, 30)]:
        ArticleFactory(publish_at=timezone.make_aware(when))
    url = reverse("admin:articles_article_changelist")
    for params in [{}, {"publish_at__year": "2100"}, {"publish_at__year": "2100", "publish_at__month": "12"},
                   {"publish_at__year": "1900", "publish_at__month": "1", "publish_at__day": "1"}]:  # fmt: skip
        assert editor_client.get(url, params).status_code == 200
