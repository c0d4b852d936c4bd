"""Regions form a tree: a region page lists its own and its sub-regions' articles, with breadcrumbs
and sub-regions; the article page shows each region's trail; cycles are refused."""

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from articles.models import Article, Region
from tests.factories import ArticleFactory, AuthorFactory
from tests.reader_pages import headline_links, page, urls

pytestmark = pytest.mark.django_db


def chain(*names):
    """Regions each inside the one before: chain("Middle East", "Iraq") -> [Middle East, Iraq]."""
    regions, parent = [], None
    for name in names:
        parent = Region.objects.create(name=name, parent=parent)
        regions.append(parent)
    return regions


def region_url(region):
    return reverse("articles:region", kwargs={"slug": region.slug})


def links_in(response, css_class):
    """Where the links inside the page's ``css_class`` elements lead, in order."""
    return [href for element in page(response).select(css_class) for href in element.links()]


def test_a_region_page_lists_its_own_and_its_descendants_articles_once(client):
    middle_east, iraq, fallujah = chain("Middle East", "Iraq", "Fallujah")
    deep = ArticleFactory(headline="Dispatch from Fallujah", regions=[fallujah])
    both = ArticleFactory(headline="Iraq and Fallujah", regions=[iraq, fallujah])
    elsewhere = ArticleFactory(headline="Elsewhere", regions=["Peru"])

    listed = headline_links(page(client.get(region_url(middle_east))))
    assert set(listed) == set(urls(deep, both)) and len(listed) == 2
    assert set(headline_links(page(client.get(region_url(fallujah))))) == set(urls(deep, both))
    assert elsewhere.get_absolute_url() not in listed


def test_a_sub_region_added_later_brings_its_stories_to_the_page(client, no_page_cache):
    """The page names the regions it lists in its SQL (articles/listings.py): they are read on each
    request, so a sub-region made or moved in since is listed at once, and a moved-out one is not."""
    europe, ukraine = chain("Європа", "Україна")
    ArticleFactory(headline="Київ: новини", regions=[ukraine])
    assert len(headline_links(page(client.get(region_url(europe))))) == 1
    lviv = Region.objects.create(name="Львів", parent=ukraine)
    later = ArticleFactory(headline="Львів: повінь", regions=[lviv])
    assert later.get_absolute_url() in headline_links(page(client.get(region_url(europe))))
    lviv.parent = None
    lviv.save()
    assert later.get_absolute_url() not in headline_links(page(client.get(region_url(europe))))


def test_breadcrumbs_and_public_sub_regions(client):
    middle_east, iraq, fallujah = chain("Middle East", "Iraq", "Fallujah")
    Region.objects.create(name="Mosul", parent=iraq)  # no article at all
    secret = Region.objects.create(name="Secret Valley", parent=iraq)
    ArticleFactory(draft=True, regions=[secret])
    ArticleFactory(regions=[fallujah])

    response = client.get(region_url(iraq))
    assert links_in(response, "breadcrumbs") == [region_url(middle_east)]
    assert links_in(response, "sub-regions") == [region_url(fallujah)]
    html = response.content.decode()
    assert f'href="{region_url(middle_east)}"' in html and f'href="{region_url(fallujah)}"' in html
    assert "Secret Valley" not in html and "Mosul" not in html

    assert links_in(client.get(region_url(fallujah)), "breadcrumbs") == [region_url(middle_east), region_url(iraq)]


def test_the_article_page_shows_each_region_with_its_trail_and_the_deepest_as_kicker(client):
    *_, fallujah = chain("Middle East", "Iraq", "Fallujah")
    article = ArticleFactory(regions=[fallujah, Region.objects.create(name="Aardvark Land")])
    response = client.get(article.get_absolute_url())
    trails = page(response).select("tag-trail")
    assert [[link.text for link in trail.elements() if link.tag == "a"] for trail in trails] == [
        ["Aardvark Land"],
        ["Middle East", "Iraq", "Fallujah"],
    ]
    html = response.content.decode()
    assert f'<p class="kicker"><a href="{region_url(fallujah)}">Fallujah</a></p>' in html


def test_moving_a_region_moves_its_subtree():
    middle_east, iraq, fallujah = chain("Middle East", "Iraq", "Fallujah")
    asia = Region.objects.create(name="Asia")
    iraq.parent = asia
    iraq.save()
    fallujah.refresh_from_db()
    assert fallujah.ancestor_ids == [asia.pk, iraq.pk]
    assert fallujah.depth == 2
    article = ArticleFactory(regions=[fallujah])
    assert list(Article.objects.in_region(asia)) == [article]
    assert not Article.objects.in_region(middle_east).exists()


def test_a_region_inside_itself_is_a_form_error(admin_client):
    middle_east, _, fallujah = chain("Middle East", "Iraq", "Fallujah")
    url = reverse("admin:articles_region_change", args=[middle_east.pk])
    data = {"name": "Middle East", "slug": middle_east.slug, "parent": str(fallujah.pk), "merge_into": ""}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Middle East cannot lie inside Fallujah, which lies inside it" in response.content.decode()
    data["parent"] = str(middle_east.pk)
    assert "cannot lie inside itself" in admin_client.post(url, data).content.decode()
    middle_east.refresh_from_db()
    assert middle_east.parent is None
    middle_east.parent = fallujah
    with pytest.raises(ValueError, match="own subtree"):
        middle_east.save()


def test_an_editor_builds_the_tree_in_the_admin(client, editor):
    client.force_login(editor)
    add = reverse("admin:articles_region_add")
    for name, parent in [("الشرق الأوسط", None), ("Ирак", "الشرق الأوسط"), ("费卢杰 🕌", "Ирак")]:
        parent_pk = str(Region.objects.get(name=parent).pk) if parent else ""
        assert client.post(add, {"name": name, "slug": "", "parent": parent_pk}).status_code == 302
    leaf = Region.objects.get(name="费卢杰 🕌")
    assert [Region.objects.get(pk=pk).name for pk in leaf.ancestor_ids] == ["الشرق الأوسط", "Ирак"]
    ArticleFactory(headline="Deep story", regions=[leaf])
    top = Region.objects.get(name="الشرق الأوسط")
    html = client.get(region_url(top)).content.decode()
    assert "Deep story" in html and "Ирак" in html


@pytest.mark.parametrize("depth", [1, 2, 6])
@pytest.mark.parametrize("page", ["region", "article", "home"])
def test_query_counts_do_not_grow_with_tree_depth(client, django_assert_num_queries, no_page_cache, depth, page):
    regions = chain(*[f"Level {n}" for n in range(depth)])
    for i in range(3):
        ArticleFactory(authors=[AuthorFactory()], regions=[regions[-1], f"Flat {i}"], topics=["Energy"])
    url = {
        "region": region_url(regions[0]),
        "article": Article.objects.first().get_absolute_url(),
        "home": reverse("articles:home"),
    }[page]
    # The whole budget with the menu's query (tests/articles/test_views.py: PAGES).
    with django_assert_num_queries({"region": 6, "article": 5, "home": 6}[page]):
        assert client.get(url).status_code == 200


def test_region_admin_lists_the_parent(admin_client):
    chain("Middle East", "Iraq")
    html = admin_client.get(reverse("admin:articles_region_changelist")).content.decode()
    assert "Middle East" in html and site._registry[Region].inside(Region.objects.get(name="Iraq")) == "Middle East"
