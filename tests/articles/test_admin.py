import re
from html import unescape

import pytest
from django.urls import reverse

from articles.models import Article, Region
from tests.admin_forms import article_form_data
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, UserFactory

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


def test_the_lead_image_is_picked_from_the_library_and_previewed(editor_client):
    image = ImageFactory(alt_text="Cranes over the port")
    response = editor_client.post(ADD_URL, article_form_data(lead_image=str(image.pk)))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.lead_image == image

    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert image.rendition_set().webp[0].url in html  # the preview uses a rendition, never the original
    assert image.file.name not in html
    listing = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert image.thumbnail.url in listing


def test_body_html_typed_in_the_admin_is_sanitised(editor_client):
    editor_client.post(
        ADD_URL,
        article_form_data(headline="XSS", body='<p>ok</p><script>alert(1)</script><a href="javascript:x">y</a>'),
    )
    assert Article.objects.get().body == '<p>ok</p><a rel="noopener noreferrer">y</a>'


def test_change_list_shows_status_badges_bylines_tags_and_filters(editor_client, django_capture_on_commit_callbacks):
    author = AuthorFactory(name="Listed Author")
    with django_capture_on_commit_callbacks(execute=True):  # the search index, as after a real save
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


def test_editor_chooses_the_kind_and_readers_see_its_label(editor_client, client):
    response = editor_client.post(
        ADD_URL, article_form_data(headline="Why the dam matters", kind="opinion", _publish="Publish")
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="why-the-dam-matters")
    assert article.kind == Article.Kind.OPINION and article.schema_type == "OpinionNewsArticle"
    client.logout()
    assert (
        '<p class="kind-label kind-label--opinion">Opinion</p>'
        in client.get(article.get_absolute_url()).content.decode()
    )


def test_editor_places_regions_in_the_masthead_menu_from_the_change_list(editor_client, client):
    ArticleFactory(regions=["Iraq", "Syria"])
    changelist = reverse("admin:articles_region_changelist")
    assert 'name="form-0-menu_position"' in editor_client.get(changelist).content.decode()

    iraq, syria = Region.objects.get(name="Iraq"), Region.objects.get(name="Syria")
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": str(iraq.pk),
        "form-0-menu_position": "2",
        "form-1-id": str(syria.pk),
        "form-1-menu_position": "1",
        "_save": "Save",
    }
    assert editor_client.post(changelist, data).status_code == 302
    nav = re.search(r'<nav class="site-nav".*?</nav>', client.get(reverse("articles:home")).content.decode(), re.S)
    assert nav.group(0).index("Syria") < nav.group(0).index("Iraq")


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
