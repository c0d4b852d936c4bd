import pytest

from tests.factories import ArticleFactory, AuthorFactory, UserFactory


@pytest.fixture
def twin_articles(db):
    """A live article beside a draft and a scheduled twin sharing its authors and tags."""
    author = AuthorFactory(name="Lina Haddad")
    tags = {"authors": [author], "regions": ["Iraq"], "topics": ["Energy"]}
    return {
        "live": ArticleFactory(headline="Live story", **tags),
        "draft": ArticleFactory(headline="Draft story", draft=True, **tags),
        "scheduled": ArticleFactory(headline="Scheduled story", scheduled=True, **tags),
        "author": author,
    }


def _member_of(group_name, username, author_name):
    from django.contrib.auth.models import Group

    from articles.roles import sync_roles

    sync_roles()  # transactional tests flush the groups the data migration made
    user = UserFactory(username=username, first_name=author_name.split()[0], last_name=author_name.split()[-1])
    user.groups.add(Group.objects.get(name=group_name))
    AuthorFactory(name=author_name, user=user)
    return user


@pytest.fixture
def writer(db):
    return _member_of("Writers", "wanda", "Wanda Writer")


@pytest.fixture
def other_writer(db):
    return _member_of("Writers", "oscar", "Oscar Other")


@pytest.fixture
def editor(db):
    return _member_of("Editors", "eddie", "Eddie Editor")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (local memory, or this worker's Redis database)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def no_page_cache(settings):
    """For tests that count a view's own queries: the page cache would answer the second request."""
    settings.PAGE_CACHE_SECONDS = 0
