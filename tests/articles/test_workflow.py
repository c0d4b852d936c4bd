from datetime import timedelta

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version

from articles import revisions, workflow
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def test_groups_exist_after_migrate_and_only_editors_may_publish():
    editors, writers = Group.objects.get(name="Editors"), Group.objects.get(name="Writers")
    assert editors.permissions.filter(codename="publish_article").exists()
    assert not writers.permissions.filter(codename="publish_article").exists()


def test_the_full_life_of_an_article(writer, editor):
    article = ArticleFactory(draft=True, created_by=writer)

    workflow.submit_for_review(article=article, by=writer)
    assert article.status == Status.REVIEW
    workflow.send_back(article=article, by=editor, note="Needs a second source.")
    assert (article.status, article.review_note) == (Status.DRAFT, "Needs a second source.")
    workflow.submit_for_review(article=article, by=writer)
    assert article.review_note == ""
    workflow.publish(article=article, by=editor)
    assert article in Article.objects.published()
    workflow.unpublish(article=article, by=editor)
    assert article.status == Status.WITHDRAWN
    assert article not in Article.objects.published()
    workflow.return_to_draft(article=article, by=editor)
    assert article.status == Status.DRAFT

    messages = list(
        LogEntry.objects.filter(object_id=str(article.pk))
        .order_by("pk")
        .values_list("user__username", "change_message")
    )
    assert messages == [
        ("wanda", "Submitted for review."),
        ("eddie", "Sent back to the writer: Needs a second source."),
        ("wanda", "Submitted for review."),
        ("eddie", "Published."),
        ("eddie", "Unpublished (withdrawn)."),
        ("eddie", "Returned to draft."),
    ]


def test_publishing_with_a_future_time_schedules_without_any_job(editor):
    article = ArticleFactory(draft=True)
    at = timezone.now() + timedelta(hours=3)
    workflow.publish(article=article, by=editor, at=at)

    assert article.status == Status.PUBLISHED
    assert article.is_scheduled and article.state_label == "Scheduled"
    assert article not in Article.objects.published()
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert article in Article.objects.published()


def test_a_scheduled_article_can_be_moved_or_unscheduled(editor):
    article = ArticleFactory(scheduled=True)
    later = timezone.now() + timedelta(days=5)
    workflow.publish(article=article, by=editor, at=later)
    assert article.publish_at == later
    workflow.unpublish(article=article, by=editor)
    assert article.status == Status.WITHDRAWN


@pytest.mark.parametrize(
    ("action", "kwargs"),
    [("publish", {}), ("unpublish", {}), ("send_back", {"note": "x"}), ("return_to_draft", {})],
)
def test_writers_cannot_use_editor_transitions(writer, action, kwargs):
    state = {"publish": Status.REVIEW, "unpublish": Status.PUBLISHED, "send_back": Status.REVIEW}
    article = ArticleFactory(status=state.get(action, Status.WITHDRAWN), created_by=writer)
    before = Article.objects.values().get(pk=article.pk)
    with pytest.raises(PermissionDenied):
        getattr(workflow, action)(article=article, by=writer, **kwargs)
    assert Article.objects.values().get(pk=article.pk) == before


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("submit_for_review", Status.REVIEW),
        ("send_back", Status.DRAFT),
        ("publish", Status.WITHDRAWN),
        ("unpublish", Status.DRAFT),
        ("return_to_draft", Status.PUBLISHED),
    ],
)
def test_impossible_transitions_are_refused_with_a_clear_message(editor, action, status):
    article = ArticleFactory(status=status)
    kwargs = {"note": "x"} if action == "send_back" else {}
    with pytest.raises(workflow.TransitionError, match=r"Cannot .*: the article is"):
        getattr(workflow, action)(article=article, by=editor, **kwargs)


def test_sending_back_needs_a_note(editor):
    article = ArticleFactory(status=Status.REVIEW)
    with pytest.raises(workflow.TransitionError, match="Write a note"):
        workflow.send_back(article=article, by=editor, note="  ")


def test_a_writer_cannot_submit_someone_elses_draft(writer, other_writer):
    article = ArticleFactory(draft=True, created_by=other_writer)
    with pytest.raises(PermissionDenied):
        workflow.submit_for_review(article=article, by=writer)


def test_a_byline_makes_an_article_the_writers_own(writer, other_writer):
    article = ArticleFactory(draft=True, created_by=other_writer, authors=[writer.author_profile])
    workflow.submit_for_review(article=article, by=writer)
    assert article.status == Status.REVIEW


def test_corrections_move_the_modified_date_and_are_editors_only(editor, writer):
    article = ArticleFactory()
    correction = workflow.add_correction(article=article, by=editor, kind="correction", note="The dam is 40m high.")
    article.refresh_from_db()
    assert article.modified_at == correction.created_at
    with pytest.raises(PermissionDenied):
        workflow.add_correction(article=article, by=writer, kind="update", note="x")


def test_corrections_are_for_published_articles(editor):
    with pytest.raises(workflow.TransitionError):
        workflow.add_correction(article=ArticleFactory(draft=True), by=editor, kind="update", note="x")


def test_slug_change_of_a_published_article_keeps_the_old_address(editor, client, django_capture_on_commit_callbacks):
    article = ArticleFactory(headline="Old headline")
    article.slug = "new-headline"
    with django_capture_on_commit_callbacks(execute=True):  # the change commits: cached pages go stale
        workflow.save_article(article=article, by=editor)

    response = client.get("/articles/old-headline/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-headline/"
    assert client.get("/articles/new-headline/").status_code == 200

    article.slug = "old-headline"  # taking the old slug back makes it live again, not a loop
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save_article(article=article, by=editor)
    assert client.get("/articles/old-headline/").status_code == 200
    assert client.get("/articles/new-headline/").status_code == 301


def test_old_slug_of_a_withdrawn_article_does_not_redirect(editor, client):
    article = ArticleFactory(headline="Gone story")
    article.slug = "gone-story-2"
    workflow.save_article(article=article, by=editor)
    workflow.unpublish(article=article, by=editor)
    assert client.get("/articles/gone-story/").status_code == 404


def test_a_draft_renamed_before_publication_leaves_no_redirect(editor, client):
    article = ArticleFactory(draft=True, headline="Working title")
    article.slug = "final-title"
    workflow.save_article(article=article, by=editor)
    workflow.publish(article=article, by=editor)
    assert client.get("/articles/working-title/").status_code == 404


def _revision_of(article, by):
    """Save ``article`` as a revision, as the admin does, and return that revision's Version."""
    with reversion.create_revision():
        workflow.save_article(article=article, by=by)
        reversion.set_user(by)
    return Version.objects.get_for_object(article).first()


def test_restoring_keeps_the_address_and_state_of_a_live_article(editor, client):
    article = ArticleFactory(headline="First wording", slug="the-story", regions=["Iraq"])
    old = _revision_of(article, editor)
    article.headline, article.slug = "Second wording", "the-story-renamed"
    _revision_of(article, editor)
    ArticleFactory(slug="the-story")  # someone else now uses the old address

    workflow.restore_revision(article=article, version=old, by=editor)
    article.refresh_from_db()
    assert (article.headline, article.slug) == ("First wording", "the-story-renamed")
    assert article in Article.objects.published()
    assert client.get("/articles/the-story-renamed/").status_code == 200


def test_restoring_leaves_out_authors_deleted_since(editor):
    gone, staying = AuthorFactory(name="Gone Author"), AuthorFactory(name="Staying Author")
    article = ArticleFactory(draft=True, authors=[gone, staying])
    old = _revision_of(article, editor)
    article.bylines.filter(author=gone).delete()
    gone.delete()

    workflow.restore_revision(article=article, version=old, by=editor)
    assert Article.objects.with_bylines().get(pk=article.pk).byline_authors == [staying]


def test_restoring_brings_back_the_lead_image_unless_it_was_deleted_since(editor):
    first, second = ImageFactory(alt_text="First picture"), ImageFactory(alt_text="Second picture")
    article = ArticleFactory(draft=True, lead_image=first)
    old = _revision_of(article, editor)
    article.lead_image = second
    newer = _revision_of(article, editor)
    assert [c.label for c in revisions.compare(old, newer)] == ["Lead image"]
    assert "<del>First</del><ins>Second</ins> picture" in revisions.compare(old, newer)[0].diff

    workflow.restore_revision(article=article, version=old, by=editor)
    article.refresh_from_db()
    assert article.lead_image == first

    article.lead_image = second
    _revision_of(article, editor)
    article.lead_image = None
    article.save()
    first.delete()
    workflow.restore_revision(article=article, version=old, by=editor)
    article.refresh_from_db()
    assert article.lead_image is None
