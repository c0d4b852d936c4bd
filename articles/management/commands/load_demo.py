import os

import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from tqdm import tqdm

from articles.demo import content, images
from articles.models import Article, Byline
from articles.roles import sync_roles
from authors.models import Author
from images.models import Image

AUTHOR_EXTRAS = {"colour"}
ARTICLE_EXTRAS = {"status", "authors", "regions", "topics", "publish", "palette", "motif"}
IMAGE_FIELDS = {"lead_image_alt": "alt_text", "lead_image_caption": "caption", "lead_image_credit": "credit"}


class Command(BaseCommand):
    """Fill an empty newsroom with demo authors, articles and logins, and print the logins.

    Safe to run on every start: rows are matched by slug or username and any that exist are left
    exactly as they are, so an editor's changes to the demo survive. Articles are written directly,
    like a fixture, rather than through ``articles.workflow``: the demo needs publication dates
    weeks in the past, which ``workflow.publish`` rightly refuses.
    """

    help = "Load the demo newsroom (authors, articles, editor/writer/admin logins). Keeps existing rows."

    def handle(self, *args, verbosity, **options):
        self.verbosity = verbosity
        with transaction.atomic():
            # Keeps the Editors/Writers groups in step with articles.roles before users join them.
            sync_roles()
            authors = self.load_authors()
            users = self.load_users(authors)
            added = self.load_articles(authors, editor=users["editor"])
        if verbosity:
            self.stdout.write(self.welcome(added))

    def load_authors(self):
        authors = {}
        for item in content.AUTHORS:
            author = Author.objects.filter(slug=item["slug"]).first()
            if author is None:
                author = Author(**_model_fields(item, AUTHOR_EXTRAS))
                photo = images.author_photo(name=author.name, colour=item["colour"])
                author.photo = library_image(photo, alt_text=author.name)
                author.save()
            authors[author.slug] = author
        return authors

    def load_users(self, authors):
        User = get_user_model()
        users = {}
        for item in content.USERS:
            user = User.objects.filter(username=item["username"]).first()
            users[item["username"]] = user or self.create_user(item, authors.get(item["author"]))
        return users

    @staticmethod
    def create_user(item, author):
        User = get_user_model()
        username, password, email = item["username"], item["password"], f"{item['username']}@example.com"
        if item["group"] is None:
            return User.objects.create_superuser(username, email, password)
        first_name, _, last_name = author.name.partition(" ")
        user = User.objects.create_user(
            username, email, password, is_staff=True, first_name=first_name, last_name=last_name
        )
        user.groups.add(Group.objects.get(name=item["group"]))
        if author.user_id is None:
            author.user = user
            author.save(update_fields=["user"])
        return user

    def load_articles(self, authors, *, editor):
        slugs = [item["slug"] for item in content.ARTICLES]
        existing = set(Article.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        todo = [item for item in content.ARTICLES if item["slug"] not in existing]
        now = timezone.now()
        progress = tqdm(todo, desc="Demo articles", unit="article", disable=not (self.verbosity and todo))
        for item in progress:
            create_article(item, byline=[authors[slug] for slug in item["authors"]], editor=editor, now=now)
        return len(todo)

    def welcome(self, added):
        # Follows the Makefile, which serves on $HOST:$PORT (127.0.0.1:8000 unless told otherwise).
        base = f"http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
        news = f"added {added} articles" if added else "already loaded, your changes are kept"
        lines = [
            f"Demo newsroom ready ({news}).",
            "",
            f"Site    {base}{reverse('articles:home')}",
            f"Admin   {base}{reverse('admin:index')}",
            "",
            *(f"{user['label']:<15} {user['username']:<8} / {user['password']}" for user in content.USERS),
        ]
        return _box(lines)


def create_article(item, *, byline, editor, now):
    """One demo article with its lead image, bylines and tags, kept as its first revision."""
    creator = byline[0].user or editor
    article = Article(
        **_model_fields(item, ARTICLE_EXTRAS),
        status=item.get("status", Article.Status.PUBLISHED),
        publish_at=now + item["publish"] if item["publish"] is not None else None,
        created_by=creator,
        updated_by=creator,
    )
    label = f"{item['topics'][0]} · {item['regions'][0]}"
    picture = images.lead_image(seed=item["slug"], palette=item["palette"], motif=item["motif"], label=label)
    article.lead_image = library_image(
        picture, uploaded_by=creator, **{IMAGE_FIELDS[key]: item[key] for key in IMAGE_FIELDS if key in item}
    )
    with reversion.create_revision():
        reversion.set_user(creator)
        reversion.set_comment("Loaded with the demo newsroom.")
        article.save()
        for position, author in enumerate(byline):
            Byline.objects.create(article=article, author=author, position=position)
        article.regions.add(*item["regions"])
        article.topics.add(*item["topics"])
    return article


def library_image(content, **fields):
    """A media-library image (cleaned, renditions made) from demo artwork."""
    image = Image(file=ContentFile(content, name="demo.jpg"), **fields)
    image.save()
    return image


def _model_fields(item, extras):
    return {key: value for key, value in item.items() if key not in extras and key not in IMAGE_FIELDS}


def _box(lines):
    width = max(len(line) for line in lines)
    rule = "+" + "-" * (width + 4) + "+"
    return "\n".join([rule, *(f"|  {line:<{width}}  |" for line in lines), rule])
