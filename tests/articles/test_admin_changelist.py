"""The article change list stays quick on a large newsroom: what it shows must not change."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.urls import reverse

from articles import admin_changelist
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("admin:articles_article_changelist")


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="ed", is_superuser=True))
    return client


def headlines(response):
    return sorted(str(article) for article in response.context["cl"].result_list)


def test_filters_offer_only_tags_and_authors_in_use_and_filter_by_them(editor_client):
    author = AuthorFactory(name="Ана Ковач")
    AuthorFactory(name="Nobody Yet")
    ArticleFactory(headline="Harbour", regions=["Гданьск"], topics=["Ports"], authors=[author])
    ArticleFactory(headline="Desert", regions=["الرياض"], topics=["Energy"])
    html = editor_client.get(URL).content.decode()
    assert "Гданьск" in html and "الرياض" in html and "Ана Ковач" in html
    assert "Nobody Yet" not in html
    assert headlines(editor_client.get(URL, {"regions": "гданьск"})) == ["Harbour"]
    assert headlines(editor_client.get(URL, {"authors__id__exact": author.pk})) == ["Harbour"]


def test_a_bad_author_filter_value_is_a_clear_error_not_a_500(editor_client):
    ArticleFactory(authors=[AuthorFactory()])
    response = editor_client.get(URL, {"authors__id__exact": "abc"})
    assert response.status_code == 302 and "e=1" in response["Location"]


def test_the_date_drill_down_offers_every_year_from_the_first_article_to_the_last(editor_client):
    for year in (2019, 2021):
        ArticleFactory(publish_at=datetime(year, 6, 1, tzinfo=UTC))
    html = editor_client.get(URL).content.decode()
    assert all(f"publish_at__year={year}" in html for year in (2019, 2020, 2021))
    assert "publish_at__year=2018" not in html and "publish_at__year=2022" not in html
    assert len(editor_client.get(URL, {"publish_at__year": 2021}).context["cl"].result_list) == 1


@pytest.mark.parametrize("few_matches", [admin_changelist.FEW_MATCHES, 1])  # read from the matches; along the index
def test_a_filters_years_run_from_its_first_article_to_its_last(editor_client, monkeypatch, few_matches):
    monkeypatch.setattr(admin_changelist, "FEW_MATCHES", few_matches)
    for year in (2017, 2020, 2024):
        ArticleFactory(publish_at=datetime(year, 3, 1, tzinfo=UTC), regions=["Ñuñoa"] if year < 2024 else ["Київ"])
    html = editor_client.get(URL, {"regions": "ñuñoa"}).content.decode()
    assert all(f"publish_at__year={year}" in html for year in (2017, 2018, 2019, 2020))
    assert "publish_at__year=2016" not in html and "publish_at__year=2021" not in html
    nothing = editor_client.get(URL, {"regions": "no-such-region"})
    assert nothing.status_code == 200 and "publish_at__year=" not in nothing.content.decode()


def test_a_search_counts_its_matches_only_up_to_the_cap(editor_client, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(admin_changelist, "SEARCH_COUNT_CAP", 3)
    with django_capture_on_commit_callbacks(execute=True):  # the search index, as after a real save
        for n in range(5):
            ArticleFactory(headline=f"Flood report {n}", body="<p>The river rose.</p>")
    response = editor_client.get(URL, {"q": "flood"})
    assert response.context["cl"].result_count == 3  # of five matches, on either database
    assert not response.context["cl"].multi_page  # no page is offered past the counted matches


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_search_on_postgresql_finds_words_in_the_body_bylines_and_tags(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(headline="Quiet day", body="<p>The harbour cranes stood still.</p>")
        ArticleFactory(headline="Byline story", authors=[AuthorFactory(name="Zofia Wiśniewska")])
        ArticleFactory(headline="Tagged story", topics=["Shipbuilding"])
        ArticleFactory(headline="Unrelated")
    assert headlines(editor_client.get(URL, {"q": "cranes"})) == ["Quiet day"]
    assert headlines(editor_client.get(URL, {"q": "Wiśniewska"})) == ["Byline story"]
    assert headlines(editor_client.get(URL, {"q": "shipbuilding"})) == ["Tagged story"]
