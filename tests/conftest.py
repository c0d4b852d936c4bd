import pytest

from tests.factories import ArticleFactory, AuthorFactory


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
