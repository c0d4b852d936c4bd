from datetime import timedelta
from io import BytesIO

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Byline
from authors.models import Author
from images.models import Image as LibraryImage


def image_file(name="photo.jpg", size=(64, 48), fmt="JPEG"):
    buffer = BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image; saving it cleans the file and makes its renditions like an upload."""

    class Meta:
        model = LibraryImage

    file = factory.LazyFunction(image_file)
    alt_text = factory.Sequence(lambda n: f"Picture number {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    is_staff = True
    password = factory.django.Password("correct-horse-battery")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author Number{n}")
    title = "Staff Writer"
    bio = factory.LazyAttribute(lambda a: f"<p>{a.name} covers the region.</p>")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A live article unless told otherwise: ``ArticleFactory(draft=True)`` or ``(scheduled=True)``."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, publish_at=None)
        scheduled = factory.Trait(publish_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=2)))

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    deck = "A deck that sums the story up."
    body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for position, author in enumerate(extracted or []):
            Byline.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if extracted:
            self.regions.add(*extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.add(*extracted)
