import pytest
from django.urls import reverse

from authors.models import Author
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="ed", is_superuser=True))
    return client


def author_data(**fields):
    base = {"name": "Noor Saleh", "slug": "", "title": "Correspondent", "bio": "<p>Bio.</p>", "is_active": "on"}
    base["version"] = "0"
    base.update(dict.fromkeys(["website", "twitter", "mastodon", "linkedin", "user"], ""))
    return base | fields


def test_editor_creates_an_author_with_a_library_photo_and_a_generated_slug(editor_client):
    photo = ImageFactory(alt_text="Noor Saleh")
    response = editor_client.post(reverse("admin:authors_author_add"), author_data(photo=str(photo.pk)))
    assert response.status_code == 302
    author = Author.objects.get()
    assert author.slug == "noor-saleh"
    assert author.photo == photo
    listing = editor_client.get(reverse("admin:authors_author_changelist")).content.decode()
    assert photo.thumbnail.url in listing


def test_deleting_an_author_with_bylines_is_refused_with_a_clear_message(editor_client):
    author = AuthorFactory(name="Busy Writer")
    ArticleFactory(headline="Their story", authors=[author])
    url = reverse("admin:authors_author_delete", args=[author.pk])

    page = editor_client.get(url).content.decode()
    assert "would require deleting the following protected related objects" in page
    editor_client.post(url, {"post": "yes"})
    assert Author.objects.filter(pk=author.pk).exists()


def test_an_author_without_bylines_can_be_deleted(editor_client):
    author = AuthorFactory()
    editor_client.post(reverse("admin:authors_author_delete", args=[author.pk]), {"post": "yes"})
    assert not Author.objects.exists()


def test_bio_is_sanitised(db):
    author = AuthorFactory(bio='<p>Hi <a href="javascript:alert(1)" onclick="x">me</a><script>x</script></p>')
    assert author.bio == '<p>Hi <a rel="noopener noreferrer">me</a></p>'
