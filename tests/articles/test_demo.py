import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Byline
from authors.models import Author

pytestmark = pytest.mark.django_db


def counts():
    return {
        "articles": Article.objects.count(),
        "public": Article.objects.published().count(),
        "authors": Author.objects.count(),
        "bylines": Byline.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_demo_loads_once_keeps_edits_and_hides_its_draft_and_scheduled_piece():
    call_command("load_demo", verbosity=0)
    first = counts()
    assert first["articles"] >= 12 and first["authors"] >= 4 and first["users"] == 3
    assert first["articles"] - first["public"] == 2  # the demo's draft and scheduled article
    assert Article.objects.filter(bylines__position=1).exists()  # several multi-author pieces

    edited = Article.objects.published().first()
    Article.objects.filter(pk=edited.pk).update(headline="Edited by a person")
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert Article.objects.get(pk=edited.pk).headline == "Edited by a person"


def test_demo_logins_have_their_roles():
    call_command("load_demo", verbosity=0)
    users = get_user_model().objects
    assert users.get(username="editor").has_perm("articles.publish_article")
    assert not users.get(username="writer").has_perm("articles.publish_article")
    assert users.get(username="writer").author_profile is not None
