"""An embargo holds for everyone: nothing makes the article public before it; changes are logged."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import Article, PreviewLink
from tests.admin_forms import article_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def local_fields(when):
    local = timezone.localtime(when)
    return {"publish_at_0": local.strftime("%Y-%m-%d"), "publish_at_1": local.strftime("%H:%M:%S")}


def embargo_fields(when):
    local = timezone.localtime(when)
    return {"embargo_until_0": local.strftime("%Y-%m-%d"), "embargo_until_1": local.strftime("%H:%M:%S")}


@pytest.fixture
def embargoed(editor):
    return ArticleFactory(
        draft=True, headline="Budget leak", embargo_until=timezone.now() + timedelta(hours=3), created_by=editor
    )


def test_publish_now_is_refused_even_for_an_editor(editor, embargoed):
    with pytest.raises(workflow.TransitionError, match="Embargoed until"):
        workflow.publish(article=embargoed, by=editor)
    with pytest.raises(workflow.TransitionError, match="at or after"):
        workflow.publish(article=embargoed, by=editor, at=timezone.now() + timedelta(hours=1))
    embargoed.refresh_from_db()
    assert embargoed.status == Status.DRAFT


def test_scheduling_at_or_after_the_embargo_is_allowed_and_goes_live_by_itself(editor, embargoed):
    workflow.publish(article=embargoed, by=editor, at=embargoed.embargo_until)
    assert embargoed.is_scheduled
    assert not Article.objects.published().filter(pk=embargoed.pk).exists()
    Article.objects.filter(pk=embargoed.pk).update(
        embargo_until=timezone.now() - timedelta(minutes=1), publish_at=timezone.now() - timedelta(minutes=1)
    )
    assert Article.objects.published().filter(pk=embargoed.pk).exists()


def test_a_scheduled_article_cannot_be_moved_before_its_embargo(editor, embargoed):
    workflow.publish(article=embargoed, by=editor, at=embargoed.embargo_until + timedelta(hours=1))
    embargoed.publish_at = timezone.now() - timedelta(minutes=5)
    with pytest.raises(workflow.TransitionError):
        workflow.save_article(article=embargoed, by=editor)


def test_the_form_refuses_publish_now_and_an_early_time(client, editor, embargoed):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[embargoed.pk])
    data = article_form_data(article=embargoed, authors=[], **embargo_fields(embargoed.embargo_until))
    response = client.post(url, {**data, "_publish": "Publish"})
    assert response.status_code == 200
    assert "nobody can publish it before then" in response.content.decode()

    early = {**data, **local_fields(timezone.now() + timedelta(hours=1)), "_publish": "Publish"}
    assert "choose a publication time at or after it" in client.post(url, early).content.decode()
    embargoed.refresh_from_db()
    assert embargoed.status == Status.DRAFT

    later = {**data, **local_fields(embargoed.embargo_until + timedelta(hours=1)), "_publish": "Publish"}
    assert client.post(url, later).status_code == 302
    embargoed.refresh_from_db()
    assert embargoed.is_scheduled


def test_changing_the_embargo_is_in_the_history_with_who_and_when(client, editor, embargoed):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[embargoed.pk])
    new_time = timezone.now() + timedelta(days=1)
    data = article_form_data(article=embargoed, **embargo_fields(new_time))
    assert client.post(url, data).status_code == 302
    entries = LogEntry.objects.filter(object_id=str(embargoed.pk), change_message__startswith="Embargo set until")
    assert [entry.user for entry in entries] == [editor]
    version = Version.objects.get_for_object(embargoed).first()
    assert "Embargo set until" in version.revision.comment and version.revision.user == editor

    embargoed.refresh_from_db()
    data = article_form_data(article=embargoed, embargo_until_0="", embargo_until_1="")
    assert client.post(url, data).status_code == 302
    assert "Embargo lifted." in Version.objects.get_for_object(embargoed).first().revision.comment


def test_share_link_shows_the_embargo_banner(client, editor, embargoed):
    link = PreviewLink.objects.create(article=embargoed, expires_at=timezone.now() + timedelta(days=1))
    html = client.get(link.get_absolute_url()).content.decode()
    assert "embargo-banner" in html and "Not for publication before" in html


def test_the_desk_lists_embargoed_pieces_with_their_time(client, editor, embargoed):
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Under embargo" in html and "Budget leak" in html


def test_a_passed_embargo_binds_nothing(editor):
    article = ArticleFactory(publish_at=timezone.now() - timedelta(hours=3))
    article.embargo_until = timezone.now() - timedelta(hours=1)
    workflow.save_article(article=article, by=editor)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_the_change_list_marks_embargoed_pieces(client, editor, embargoed):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "nr-badge--embargo" in html and "Embargoed until" in html
