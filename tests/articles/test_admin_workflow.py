"""The change form as writers and editors use it, including the POSTs a browser would never send."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import Article, PreviewLink, Region, Topic
from authors.models import Author
from tests.admin_forms import article_form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def writers_draft(writer):
    return ArticleFactory(draft=True, created_by=writer, headline="The writer draft", authors=[writer.author_profile])


def test_writer_creates_a_draft_and_submits_it_but_sees_no_publish_button(client, writer):
    c = logged_in(client, writer)
    add_page = c.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="_publish"' not in add_page
    Region.objects.create(name="Iraq")  # the vocabulary is the editors'; writers choose from it
    Topic.objects.create(name="Energy")

    response = c.post(
        reverse("admin:articles_article_add"),
        article_form_data(headline="My scoop", authors=[writer.author_profile], regions="Iraq", topics="Energy"),
    )
    article = Article.objects.get(headline="My scoop")
    assert response.status_code == 302
    assert article.created_by == writer and article.status == Status.DRAFT

    page = c.get(change_url(article)).content.decode()
    assert 'name="_submit_for_review"' in page
    assert 'name="_publish"' not in page and 'name="_unpublish"' not in page

    c.post(change_url(article), article_form_data(article=article, _submit_for_review="Submit"))
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_editor_sees_publish_and_publishes(client, editor, writers_draft):
    workflow.submit_for_review(article=writers_draft, by=writers_draft.created_by)
    c = logged_in(client, editor)
    assert 'name="_publish"' in c.get(change_url(writers_draft)).content.decode()

    response = c.post(
        change_url(writers_draft), article_form_data(article=writers_draft, headline="Sharper", _publish="Publish")
    )
    assert response.status_code == 302
    writers_draft.refresh_from_db()
    assert writers_draft in Article.objects.published()
    latest = Version.objects.get_for_object(writers_draft).first().revision
    assert latest.get_comment() == "Changed Headline. Published."
    assert latest.user == editor


def test_editor_schedules_with_a_future_time_and_the_admin_says_scheduled(client, editor, writers_draft):
    at = timezone.localtime() + timedelta(days=1)
    c = logged_in(client, editor)
    c.post(
        change_url(writers_draft),
        article_form_data(
            article=writers_draft,
            publish_at_0=at.strftime("%Y-%m-%d"),
            publish_at_1=at.strftime("%H:%M:%S"),
            _publish="1",
        ),
    )
    writers_draft.refresh_from_db()
    assert writers_draft.is_scheduled
    assert "Scheduled for" in c.get(change_url(writers_draft)).content.decode()
    changelist = c.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "nr-badge--scheduled" in changelist


@pytest.mark.parametrize(
    "tampering",
    [
        {"_publish": "Publish"},
        {"_unpublish": "Unpublish"},
        {"status": "published"},
        {"publish_at_0": "2020-01-01", "publish_at_1": "00:00:00"},
        {"_send_back": "x", "review_note": "sneaky"},
    ],
)
def test_writers_tampered_posts_change_nothing_about_publication(client, writer, writers_draft, tampering):
    before = Article.objects.values("status", "publish_at", "review_note").get(pk=writers_draft.pk)
    logged_in(client, writer).post(change_url(writers_draft), article_form_data(article=writers_draft, **tampering))
    assert Article.objects.values("status", "publish_at", "review_note").get(pk=writers_draft.pk) == before
    assert writers_draft not in Article.objects.published()


def test_a_refused_action_keeps_the_writers_text_on_screen(client, writer, writers_draft):
    response = logged_in(client, writer).post(
        change_url(writers_draft), article_form_data(article=writers_draft, body="<p>New paragraph</p>", _publish="1")
    )
    assert response.status_code == 200
    assert "Only editors can publish." in response.content.decode()
    assert response.context["adminform"].form["body"].value() == "<p>New paragraph</p>"
    writers_draft.refresh_from_db()
    assert "New paragraph" not in writers_draft.body


def test_writer_cannot_touch_other_peoples_articles(client, writer, other_writer):
    theirs = ArticleFactory(draft=True, created_by=other_writer, headline="Theirs")
    c = logged_in(client, writer)
    assert c.get(change_url(theirs)).status_code == 302  # "doesn't exist" for them
    c.post(change_url(theirs), article_form_data(article=theirs, headline="Hijacked"))
    theirs.refresh_from_db()
    assert theirs.headline == "Theirs"
    assert "Theirs" not in c.get(reverse("admin:articles_article_changelist")).content.decode()


def test_writer_cannot_edit_or_delete_their_published_article(client, writer):
    article = ArticleFactory(created_by=writer, headline="Live piece")
    c = logged_in(client, writer)
    assert c.post(change_url(article), article_form_data(article=article, headline="Changed")).status_code == 403
    assert c.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}).status_code == 403
    article.refresh_from_db()
    assert article.headline == "Live piece"


def test_writer_can_delete_their_unpublished_draft(client, writer, writers_draft):
    logged_in(client, writer).post(reverse("admin:articles_article_delete", args=[writers_draft.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=writers_draft.pk).exists()


def test_editor_sends_back_with_a_note_and_the_writer_sees_it(client, editor, writer, writers_draft):
    workflow.submit_for_review(article=writers_draft, by=writer)
    c = logged_in(client, editor)
    no_note = c.post(change_url(writers_draft), article_form_data(article=writers_draft, _send_back="1"))
    assert "Tell the writer what to change" in no_note.content.decode()

    c.post(
        change_url(writers_draft), article_form_data(article=writers_draft, review_note="Add a source.", _send_back="1")
    )
    writers_draft.refresh_from_db()
    assert writers_draft.status == Status.DRAFT
    page = logged_in(client, writer).get(change_url(writers_draft)).content.decode()
    # A note from the editor, not an error box.
    assert "Note from the editor" in page and "Add a source." in page and "errornote" not in page
    assert "Add a source." in client.get(reverse("admin:index")).content.decode()


def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_its_text(client, editor, writer, writers_draft):
    """Both open the form at the same version; the writer saves first; the editor's save must not win silently."""
    editors_form = article_form_data(article=writers_draft, body="<p>Editor's rewrite</p>")
    writers_form = article_form_data(article=writers_draft, body="<p>Writer's rewrite</p>")

    assert logged_in(client, writer).post(change_url(writers_draft), writers_form).status_code == 302
    response = logged_in(client, editor).post(change_url(writers_draft), editors_form)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Wanda Writer changed this article at" in page
    assert "Your changes have NOT been saved" in page
    assert response.context["adminform"].form["body"].value() == "<p>Editor's rewrite</p>"
    writers_draft.refresh_from_db()
    assert writers_draft.body == "<p>Writer's rewrite</p>"

    # Having read the warning, saving the returned form again is a deliberate overwrite.
    resubmitted = dict(editors_form, version=response.context["adminform"].form.data["version"])
    assert client.post(change_url(writers_draft), resubmitted).status_code == 302
    writers_draft.refresh_from_db()
    assert writers_draft.body == "<p>Editor's rewrite</p>"


def test_every_save_keeps_a_revision_with_bylines_and_tags_and_one_can_be_restored(client, editor):
    first, second = AuthorFactory(name="First Author"), AuthorFactory(name="Second Author")
    article = ArticleFactory(draft=True, headline="Original headline", authors=[first], regions=["Iraq"])
    c = logged_in(client, editor)
    c.post(change_url(article), article_form_data(article=article, body="<p>Version one text.</p>"))
    form = article_form_data(article=article, headline="Rewritten headline", body="<p>Version two text.</p>")
    form.update({"bylines-TOTAL_FORMS": "2", "bylines-1-author": str(second.pk), "bylines-1-position": "1"})
    form.update(regions="Syria", topics="Energy")
    c.post(change_url(article), form)
    workflow.publish(article=Article.objects.get(pk=article.pk), by=editor)

    versions = list(Version.objects.get_for_object(article))
    assert len(versions) == 3
    history = c.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "Eddie Editor" in history and "Published." in history

    newest, older = versions[1], versions[2]
    compare = c.get(reverse("admin:articles_article_compare", args=[article.pk]), {"a": older.pk, "b": newest.pk})
    diff = compare.content.decode()
    assert "<del>Original</del><ins>Rewritten</ins> headline" in diff
    assert "Version <del>one</del><ins>two</ins> text." in diff
    assert "First Author<ins>, Second Author</ins>" in diff
    assert "<del>Iraq</del><ins>Syria</ins>" in diff

    response = c.post(reverse("admin:articles_article_restore", args=[article.pk, older.pk]))
    assert response.status_code == 302
    restored = Article.objects.with_bylines().get(pk=article.pk)
    assert restored.headline == "Original headline"
    assert restored.byline_authors == [first]
    assert [t.name for t in restored.regions.all()] == ["Iraq"]
    assert list(restored.topics.all()) == []
    assert restored.status == Status.PUBLISHED  # restoring text never unpublishes
    assert len(Version.objects.get_for_object(article)) == 4


def test_preview_of_unsaved_changes_uses_the_public_template_and_stores_nothing(client, writer, writers_draft):
    c = logged_in(client, writer)
    url = reverse("admin:articles_article_preview", args=[writers_draft.pk])
    Region.objects.create(name="Peru")
    response = c.post(url, article_form_data(article=writers_draft, headline="Unsaved headline", regions="Peru"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Unsaved headline" in html and "Peru" in html and "Author: Wanda Writer" in html
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in html
    writers_draft.refresh_from_db()
    assert writers_draft.headline == "The writer draft"
    assert not writers_draft.regions.exists()


def test_preview_of_a_new_article_stores_nothing(client, writer):
    response = logged_in(client, writer).post(
        reverse("admin:articles_article_preview"), article_form_data(headline="Never saved")
    )
    assert "Never saved" in response.content.decode()
    assert not Article.objects.exists()


def test_preview_needs_a_login_and_edit_rights(client, writer, other_writer):
    theirs = ArticleFactory(draft=True, created_by=other_writer)
    url = reverse("admin:articles_article_preview", args=[theirs.pk])
    assert client.get(url).status_code == 302  # to the login page
    assert logged_in(client, writer).get(url).status_code == 404


def test_editor_creates_a_share_link_that_works_until_it_expires_or_is_revoked(client, editor, writers_draft):
    c = logged_in(client, editor)
    form = article_form_data(article=writers_draft)
    form.update({"preview_links-TOTAL_FORMS": "1", "preview_links-0-lifetime": "24"})
    assert c.post(change_url(writers_draft), form).status_code == 302
    link = PreviewLink.objects.get()
    assert timedelta(hours=23) < link.expires_at - timezone.now() <= timedelta(hours=24)

    client.logout()
    shared = client.get(link.get_absolute_url())
    assert shared.status_code == 200
    assert "The writer draft" in shared.content.decode()
    assert shared["Cache-Control"] == "private, no-store"
    assert "noindex" in shared["X-Robots-Tag"]

    assert client.get(link.get_absolute_url()[:-3] + "xx/").status_code == 404  # tampered
    assert client.get(reverse("articles:shared_preview", kwargs={"token": "1"})).status_code == 404
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(link.get_absolute_url()).status_code == 404  # expired
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + timedelta(hours=1))
    assert client.get(link.get_absolute_url()).status_code == 200
    link.delete()
    assert client.get(link.get_absolute_url()).status_code == 404  # revoked


def test_writers_cannot_create_share_links(client, writer, writers_draft):
    form = article_form_data(article=writers_draft)
    form.update({"preview_links-TOTAL_FORMS": "1", "preview_links-0-lifetime": "168"})
    logged_in(client, writer).post(change_url(writers_draft), form)
    assert not PreviewLink.objects.exists()


def test_editor_adds_a_correction_shown_at_the_foot_of_the_article(client, editor):
    article = ArticleFactory(body="<p>The dam is 30m high.</p>")
    form = article_form_data(article=article)
    form.update(
        {"corrections-TOTAL_FORMS": "1", "corrections-0-kind": "correction", "corrections-0-note": "It is 40m high."}
    )
    assert logged_in(client, editor).post(change_url(article), form).status_code == 302
    article.refresh_from_db()
    assert article.modified_at is not None

    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("The dam is 30m high.") < html.index("It is 40m high.")
    assert f'datetime="{article.modified_at.isoformat()}"' in html


def test_dashboard_shows_each_user_their_desk(client, editor, writer, writers_draft):
    in_review = ArticleFactory(status=Status.REVIEW, created_by=writer, headline="Waiting piece")
    ArticleFactory(scheduled=True, headline="Tomorrow's piece")
    ArticleFactory(headline="Yesterday's piece")

    writer_desk = logged_in(client, writer).get(reverse("admin:index")).content.decode()
    assert "My drafts" in writer_desk and "The writer draft" in writer_desk
    assert "Awaiting review" not in writer_desk and "Tomorrow" not in writer_desk

    editor_desk = logged_in(client, editor).get(reverse("admin:index")).content.decode()
    for text in ["Awaiting review", in_review.headline, "Scheduled", "Tomorrow&#x27;s piece", "Recently published"]:
        assert text in editor_desk


def test_writer_edits_only_their_own_author_profile(client, writer, other_writer):
    c = logged_in(client, writer)
    own, theirs = writer.author_profile, other_writer.author_profile
    data = {
        "name": "Wanda W.",
        "title": "Reporter",
        "bio": "",
        "website": "",
        "twitter": "",
        "mastodon": "",
        "linkedin": "",
    }
    data["version"] = own.version
    assert c.post(reverse("admin:authors_author_change", args=[own.pk]), data).status_code == 302
    assert c.post(reverse("admin:authors_author_change", args=[theirs.pk]), data).status_code == 403
    assert Author.objects.get(pk=theirs.pk).name == "Oscar Other"
    own.refresh_from_db()
    assert own.name == "Wanda W." and own.user == writer  # the login link is not theirs to change


def test_an_existing_share_link_cannot_be_extended_by_a_posted_lifetime(client, editor, writers_draft):
    link = workflow.create_share_link(article=writers_draft, by=editor, expires_at=timezone.now() + timedelta(hours=1))
    form = article_form_data(article=writers_draft)
    form.update(
        {
            "preview_links-TOTAL_FORMS": "1",
            "preview_links-INITIAL_FORMS": "1",
            "preview_links-0-id": str(link.pk),
            "preview_links-0-article": str(writers_draft.pk),
            "preview_links-0-lifetime": "168",
        }
    )
    assert logged_in(client, editor).post(change_url(writers_draft), form).status_code == 302
    assert PreviewLink.objects.get().expires_at == link.expires_at


def test_clearing_the_time_of_a_scheduled_article_does_not_publish_it(client, editor):
    article = ArticleFactory(scheduled=True)
    response = logged_in(client, editor).post(
        change_url(article), article_form_data(article=article, publish_at_0="", publish_at_1="")
    )
    assert "needs its publication time" in response.content.decode()
    assert article not in Article.objects.published()


def test_corrections_are_offered_only_on_published_articles(client, editor, writers_draft):
    c = logged_in(client, editor)
    assert "corrections-TOTAL_FORMS" not in c.get(change_url(writers_draft)).content.decode()
    assert "corrections-TOTAL_FORMS" in c.get(change_url(ArticleFactory())).content.decode()


def test_preview_of_a_form_with_errors_lists_them(client, writer, writers_draft):
    response = logged_in(client, writer).post(
        reverse("admin:articles_article_preview", args=[writers_draft.pk]),
        article_form_data(article=writers_draft, headline=""),
    )
    assert response.status_code == 400
    assert "Headline: This field is required." in response.content.decode()
