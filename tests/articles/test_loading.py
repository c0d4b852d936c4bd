"""Rows read for the public pages become the same model instances Django would build."""

import pytest
from django.db.models import Model, signals

from articles import loading
from articles.models import Article, Byline, Correction, Region, Topic
from articles.querysets import body_start
from authors.models import Author
from images.models import Image
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

READ_MODELS = [Article, Byline, Correction, Region, Topic, Author, Image]


@pytest.mark.parametrize("model", READ_MODELS, ids=lambda model: model.__name__)
def test_an_instance_built_from_a_row_is_the_one_from_db_builds(model):
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields][: max(2, len(fields) // 2)]  # the others are deferred
    values = [f"value {index}" for index in range(len(names))]

    built, reference = loading.instance(model, "default", names, values), model.from_db("default", names, values)

    assert type(built) is model
    assert {k: v for k, v in vars(built).items() if k != "_state"} == {
        k: v for k, v in vars(reference).items() if k != "_state"
    }
    assert built.get_deferred_fields() == reference.get_deferred_fields()
    assert (built._state.adding, built._state.db) == (reference._state.adding, reference._state.db)
    assert (built._state.adding, built._state.db) == (False, "default")


@pytest.mark.parametrize("model", READ_MODELS, ids=lambda model: model.__name__)
def test_models_read_into_cards_do_without_init_hooks(model):
    """``loading.instance`` skips ``Model.__init__``: it would be wrong for a model with an
    ``__init__`` of its own or a receiver of ``pre_init``/``post_init`` (an ImageField with
    dimension fields connects one)."""
    own = model.__mro__[: model.__mro__.index(Model)]
    assert not [cls for cls in own if "__init__" in vars(cls)]
    assert not signals.pre_init.has_listeners(model)
    assert not signals.post_init.has_listeners(model)


def test_a_card_loaded_from_rows_reads_a_deferred_field_from_the_database():
    author = AuthorFactory(name="Ілля Кузьмич")
    article = ArticleFactory(headline="Водопостачання", body="<p>Тіло статті</p>", authors=[author])
    rows = Article.objects.filter(pk=article.pk).annotate(body_start=body_start()).values_list(*loading.card_values())
    [(_, card)] = loading.cards_from_rows(rows)
    assert "body" in card.get_deferred_fields()
    assert card.body == "<p>Тіло статті</p>"
    card.headline = "Нове"
    card.save(update_fields=["headline"])
    assert Article.objects.get(pk=article.pk).headline == "Нове"
