import re
from html import unescape

import pytest
from django.urls import reverse

from articles.models import Article
from tests.admin_forms import article_form_data
from tests.factories import ArticleFactory, AuthorFactory, UserFactory, image_file

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="ed", is_superuser=True))
    return client


def test_editor_publishes_an_article_with_two_authors_two_regions_three_topics(editor_client, client):
    second, first = AuthorFactory(name="Second Person"), AuthorFactory(name="First Person")
    response = editor_client.post(
        ADD_URL,
        article_form_data(
            headline="Ceasefire holds in the north",
            authors=[first, second],
            regions="Iraq, Syria",
            topics="Security, Diplomacy, Energy",
            _publish="Publish",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    article = Article.objects.get(slug="ceasefire-holds-in-the-north")
    assert article.byline_authors == [first, second]
    assert sorted(t.name for t in article.regions.all()) == ["Iraq", "Syria"]
    assert sorted(t.name for t in article.topics.all()) == ["Diplomacy", "Energy", "Security"]
    assert article.created_by.username == "ed"

    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("Author: First Person") < html.index("Author: Second Person")


def test_a_slug_clash_is_a_form_error_and_keeps_the_typed_text(editor_client):
    ArticleFactory(slug="taken")
    response = editor_client.post(ADD_URL, article_form_data(headline="Mine", slug="taken", body="<p>My words</p>"))

    assert response.status_code == 200
    assert "Another article already uses this slug" in response.content.decode()
    assert response.context["adminform"].form["body"].value() == "<p>My words</p>"
    assert Article.objects.count() == 1


def test_a_lead_image_needs_alt_text(editor_client):
    response = editor_client.post(ADD_URL, article_form_data(lead_image=image_file()))
    assert response.status_code == 200
    assert "Describe the lead image" in response.content.decode()


def test_a_file_that_is_not_an_image_is_refused_with_a_message(editor_client):
    fake = image_file("evil.jpg")
    fake.file.write(b"not really")
    fake.file.seek(0)
    fake.file.truncate(10)
    response = editor_client.post(ADD_URL, article_form_data(lead_image=fake, lead_image_alt="x"))
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert Article.objects.count() == 0


def test_body_html_typed_in_the_admin_is_sanitised(editor_client):
    editor_client.post(
        ADD_URL,
        article_form_data(headline="XSS", body='<p>ok</p><script>alert(1)</script><a href="javascript:x">y</a>'),
    )
    assert Article.objects.get().body == '<p>ok</p><a rel="noopener noreferrer">y</a>'


def test_change_list_shows_status_badges_bylines_tags_and_filters(editor_client):
    author = AuthorFactory(name="Listed Author")
    ArticleFactory(headline="Live one", authors=[author], regions=["Iraq"], topics=["Energy"])
    ArticleFactory(headline="Later one", scheduled=True)
    ArticleFactory(headline="Draft one", draft=True)
    url = reverse("admin:articles_article_changelist")

    html = editor_client.get(url).content.decode()
    for text in ["nr-badge--published", "nr-badge--scheduled", "nr-badge--draft", "Listed Author", "Iraq", "Energy"]:
        assert text in html

    filtered = editor_client.get(url, {"regions": "iraq"})
    assert [a.headline for a in filtered.context["cl"].result_list] == ["Live one"]
    filtered = editor_client.get(url, {"topics": "energy", "status__exact": "published"})
    assert [a.headline for a in filtered.context["cl"].result_list] == ["Live one"]
    searched = editor_client.get(url, {"q": "Draft"})
    assert [a.headline for a in searched.context["cl"].result_list] == ["Draft one"]


def test_tag_suggestions_for_the_article_form(editor_client):
    ArticleFactory(regions=["Iraq", "Iran", "Middle East"], topics=["Iraq war legacy"])
    response = editor_client.get(reverse("admin:articles_region_suggest"), {"term": "ir"})
    assert response.json() == {"results": ["Iran", "Iraq"]}


def test_tag_suggestions_need_a_login(client):
    response = client.get(reverse("admin:articles_region_suggest"), {"term": "ir"})
    assert response.status_code == 302


def test_saving_the_form_as_rendered_keeps_tags_and_bylines_intact(editor_client):
    """Re-submitting the change form exactly as the browser shows it must not alter anything."""
    article = ArticleFactory(regions=["Iraq", "Middle East"], topics=["Energy", "Water rights"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = editor_client.get(url).content.decode()
    assert 'value="Iraq, Middle East"' in html

    tags_as_shown = re.findall(r'name="(regions|topics)"[^>]*value="([^"]*)"', html)
    data = article_form_data(article=article, **{name: unescape(value) for name, value in tags_as_shown})
    assert editor_client.post(url, data).status_code == 302
    assert sorted(t.name for t in article.regions.all()) == ["Iraq", "Middle East"]
    assert sorted(t.name for t in article.topics.all()) == ["Energy", "Water rights"]


def test_view_on_site_goes_to_the_public_page_only_when_it_is_public(editor_client):
    live, draft = ArticleFactory(), ArticleFactory(draft=True)
    live_page = editor_client.get(reverse("admin:articles_article_change", args=[live.pk])).content.decode()
    draft_page = editor_client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert f'href="{live.get_absolute_url()}" class="viewsitelink"' in live_page
    preview = reverse("admin:articles_article_preview", args=[draft.pk])
    assert f'href="{preview}" class="viewsitelink"' in draft_page


def test_a_new_articles_byline_starts_with_the_writers_own_profile(client, writer):
    client.force_login(writer)
    response = client.get(reverse("admin:articles_article_add"))
    formset = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "bylines")
    assert formset.formset.forms[0].initial["author"] == writer.author_profile.pk
    html = response.content.decode()
    assert 'name="bylines-0-position"' in html and 'type="hidden" name="bylines-0-position"' in html


def test_the_publishing_panel_shows_the_time_zone_and_the_buttons_beside_the_text(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "Times are in" in html
    panel = html[html.index('class="nr-publish-panel"') :]
    assert 'name="_publish"' in panel and 'name="_save"' in panel


def test_an_editor_sees_the_corrections_already_made(client, editor):
    from articles import workflow

    article = ArticleFactory(authors=[editor.author_profile])
    workflow.add_correction(article=article, by=editor, kind="correction", note="The dam is 40 metres high, not 30.")
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "The dam is 40 metres high, not 30." in html


def test_the_desk_starts_with_new_article_and_shows_editors_everyones_drafts(client, editor, other_writer):
    ArticleFactory(draft=True, created_by=other_writer, headline="Oscar's half-written piece")
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    content = html[html.index('id="content"') :]
    assert content.index("New article") < content.index("My drafts")
    assert "In progress" in html and "Oscar&#x27;s half-written piece" in html
