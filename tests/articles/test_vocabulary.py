"""Regions and topics are controlled: writers choose, editors add, rename and merge."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles import vocabulary
from articles.models import Article, Region, RegionRedirect, Topic
from tests.admin_forms import article_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_writer_cannot_create_a_term_and_is_told_which(client, writer):
    Region.objects.create(name="Iraq")
    client.force_login(writer)
    data = article_form_data(authors=[writer.author_profile], regions="Iraq", topics="Energy, Новая тема")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Only editors add new topics" in html and "“Energy”, “Новая тема” are not in the list" in html
    assert not Topic.objects.exists() and not Article.objects.exists()


def test_an_editor_may_create_terms_by_typing_them(client, editor):
    client.force_login(editor)
    data = article_form_data(authors=[editor.author_profile], regions="الموصل", topics="能源 ⚡")
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    assert Region.objects.filter(name="الموصل").exists() and Topic.objects.filter(name="能源 ⚡").exists()


def test_a_writer_cannot_add_terms_in_the_vocabulary_screen(client, writer):
    client.force_login(writer)
    assert client.post(reverse("admin:articles_topic_add"), {"name": "Sneaky", "slug": ""}).status_code == 403


def suggest(client, model, term):
    url = reverse(f"admin:articles_{model}_suggest")
    return client.get(url, {"term": term}).json()["results"]


def test_suggestions_never_reveal_a_term_used_only_on_someone_elses_draft(client, writer, other_writer, editor):
    ArticleFactory(draft=True, created_by=other_writer, topics=["Secret merger"])
    ArticleFactory(topics=["Security council"])
    ArticleFactory(draft=True, created_by=writer, topics=["Secondary schools"])
    Topic.objects.create(name="Seasons")  # unused: an editor made it for everyone
    client.force_login(writer)
    assert sorted(suggest(client, "topic", "se")) == ["Seasons", "Secondary schools", "Security council"]
    client.force_login(editor)
    assert "Secret merger" in suggest(client, "topic", "se")


def test_renaming_keeps_the_address_unless_the_slug_changes_then_it_redirects(client, editor):
    ArticleFactory(regions=["Kiev"])
    region = Region.objects.get(name="Kiev")
    client.force_login(editor)
    url = reverse("admin:articles_region_change", args=[region.pk])
    client.post(url, {"name": "Kyiv", "slug": "kiev", "parent": "", "merge_into": ""})
    region.refresh_from_db()
    assert (region.name, region.slug) == ("Kyiv", "kiev")
    client.post(url, {"name": "Kyiv", "slug": "kyiv", "parent": "", "merge_into": ""})
    response = client.get(reverse("articles:region", kwargs={"slug": "kiev"}))
    assert response.status_code == 301 and response["Location"] == "/regions/kyiv/"


def test_merging_moves_every_article_and_redirects_the_old_address(client, editor):
    both = ArticleFactory(regions=["Kiev", "Kyiv"])
    only_old = ArticleFactory(regions=["Kiev"])
    old, new = Region.objects.get(name="Kiev"), Region.objects.get(name="Kyiv")
    child = Region.objects.create(name="Podil", parent=old)
    only_old.primary_region = old
    only_old.save()
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_region_change", args=[old.pk]),
        {"name": "Kiev", "slug": "kiev", "parent": "", "merge_into": str(new.pk)},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/{new.pk}/change/")
    assert not Region.objects.filter(pk=old.pk).exists()
    assert [r.name for r in both.regions.all()] == ["Kyiv"]
    only_old.refresh_from_db()
    assert [r.name for r in only_old.regions.all()] == ["Kyiv"] and only_old.primary_region == new
    child.refresh_from_db()
    assert child.parent == new
    assert client.get("/regions/kiev/").status_code == 301
    assert RegionRedirect.objects.get(old_slug="kiev").tag == new
    assert LogEntry.objects.filter(object_id=str(new.pk), change_message__contains="Merged “Kiev”").exists()


def test_a_region_cannot_merge_into_its_own_sub_region(editor):
    top = Region.objects.create(name="Top")
    inner = Region.objects.create(name="Inner", parent=top)
    with pytest.raises(vocabulary.ValidationError):
        vocabulary.merge(source=top, into=inner, by=editor)


def test_the_vocabulary_screens_and_filters_hide_terms_on_other_writers_drafts(client, writer, other_writer):
    ArticleFactory(draft=True, created_by=other_writer, regions=["Secret Valley"], topics=["Secret merger"])
    ArticleFactory(draft=True, created_by=writer, regions=["Open Plain"])
    client.force_login(writer)
    for url in [
        reverse("admin:articles_region_changelist"),
        reverse("admin:articles_topic_changelist"),
        reverse("admin:articles_article_changelist"),
    ]:
        html = client.get(url).content.decode()
        assert "Secret" not in html, url
    assert "Open Plain" in client.get(reverse("admin:articles_region_changelist")).content.decode()
