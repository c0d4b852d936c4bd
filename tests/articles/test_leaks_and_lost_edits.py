"""Paths that used to reveal unpublished work or lose an edit."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import revisions, workflow
from articles.models import Article
from authors.models import Author
from tests.admin_forms import article_form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def view_on_site(obj):
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def test_view_on_site_does_not_reveal_a_draft_the_user_cannot_view(client, writer, other_writer):
    secret = ArticleFactory(draft=True, created_by=other_writer, headline="Secret merger")
    client.force_login(writer)
    response = client.get(view_on_site(secret))
    assert response.status_code == 404
    assert secret.slug not in response.content.decode()
    assert secret.slug not in response.get("Location", "")


def test_view_on_site_sends_its_owner_to_the_preview_and_readers_to_the_public_page(client, writer, editor):
    own = ArticleFactory(draft=True, created_by=writer)
    client.force_login(writer)
    assert client.get(view_on_site(own))["Location"] == reverse("admin:articles_article_preview", args=[own.pk])
    live = ArticleFactory()
    client.force_login(editor)
    assert client.get(view_on_site(live))["Location"] == live.get_absolute_url()


@pytest.mark.parametrize("bad", [("x", "1"), ("999999", "1"), ("1", "abc"), ("", "")])
def test_view_on_site_with_nonsense_ids_is_a_404(client, editor, bad):
    client.force_login(editor)
    assert client.get(f"/admin/r/{bad[0]}/{bad[1]}/").status_code == 404


def test_view_on_site_needs_a_login(client):
    article = ArticleFactory(draft=True)
    response = client.get(view_on_site(article))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.fixture
def shared(editor):
    article = ArticleFactory(draft=True, headline="Shared draft")
    link = workflow.create_share_link(article=article, by=editor, expires_at=timezone.now() + timedelta(hours=1))
    return article, link.get_absolute_url()


def test_a_share_link_shows_drafts_reviews_and_scheduled_pieces(client, editor, shared):
    article, url = shared
    assert "Shared draft" in client.get(url).content.decode()
    workflow.submit_for_review(article=article, by=editor)
    assert client.get(url).status_code == 200
    workflow.publish(article=article, by=editor, at=timezone.now() + timedelta(days=1))
    assert client.get(url).status_code == 200


def test_a_share_link_leads_to_the_public_page_once_live_and_to_a_404_once_withdrawn(client, editor, shared):
    article, url = shared
    workflow.publish(article=article, by=editor)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    workflow.unpublish(article=article, by=editor)
    assert client.get(url).status_code == 404


def test_two_editors_saving_one_author_profile_cannot_lose_an_edit(client, editor):
    author = AuthorFactory(name="Noor Saleh", title="Reporter")
    url = reverse("admin:authors_author_change", args=[author.pk])
    opened = {"name": author.name, "slug": author.slug, "bio": "", "is_active": "on", "version": author.version}
    opened |= dict.fromkeys(["website", "twitter", "mastodon", "linkedin", "user"], "")
    client.force_login(editor)
    first = client.post(url, {**opened, "title": "Senior Reporter"})
    assert first.status_code == 302
    second = client.post(url, {**opened, "title": "Correspondent"})
    assert second.status_code == 200
    page = second.content.decode()
    assert "changed this author" in page and "Correspondent" in page
    assert Author.objects.get(pk=author.pk).title == "Senior Reporter"
    # Saving again after reading the warning is a deliberate overwrite.
    again = client.post(
        url, {**opened, "title": "Correspondent", "version": second.context["adminform"].form.data["version"]}
    )
    assert again.status_code == 302
    assert Author.objects.get(pk=author.pk).title == "Correspondent"


def words(n, seed):
    vocabulary = ["water", "talks", "minister", "basin", "rights", "said", "tuesday", "resume"]
    return [vocabulary[(i * seed) % len(vocabulary)] for i in range(n)]


def test_comparing_two_huge_bodies_stays_a_paragraph_level_diff():
    paragraphs = [f"Paragraph {i}: " + " ".join(words(98, 3 + i % 5)) for i in range(1000)]  # 100,000 words
    edited = list(paragraphs)
    edited[10] = edited[10].replace("water", "WATER", 1)
    edited.insert(500, "An inserted paragraph.")
    del edited[900]
    html = revisions.marked_diff("\n".join(paragraphs), "\n".join(edited))
    assert "<ins>WATER</ins>" in html and "<del>water</del>" in html  # word level where it changed
    assert "<ins>An inserted paragraph.</ins>" in html
    assert html.count("<del>") == 2
    one_paragraph = revisions.marked_diff(" ".join(paragraphs), " ".join(edited))
    assert one_paragraph.startswith("<del>") and one_paragraph.count("<ins>") == 1  # plain view beyond the cap


@pytest.mark.parametrize("params", [{"a": "abc", "b": "1"}, {"a": "1.5"}, {"a": "-1", "b": "-1"}, {"a": "\x00"},
                                    {"a": "9" * 40, "b": "9" * 40}, {"a": "٣", "b": "٣"}, {}])  # fmt: skip
def test_malformed_revision_ids_on_the_compare_page_are_a_404(client, editor, params):
    article = ArticleFactory()
    client.post(reverse("admin:articles_article_change", args=[article.pk]), article_form_data(article=article))
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_compare", args=[article.pk]), params)
    assert response.status_code == 404


def test_compare_of_two_real_revisions_still_works(client, editor):
    client.force_login(editor)
    client.post(reverse("admin:articles_article_add"), article_form_data(headline="First words"))
    article = Article.objects.get()
    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article=article, headline="Second words"),
    )
    older, newer = Version.objects.get_for_object(article).order_by("pk")
    response = client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"a": older.pk, "b": newer.pk})
    assert "<del>First</del><ins>Second</ins>" in response.content.decode()
