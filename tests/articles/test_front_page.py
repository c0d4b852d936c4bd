"""Editors curate the home page; the one public rule still decides what shows."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, FrontPagePlacement
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory
from tests.reader_pages import headline_links, page, urls

pytestmark = pytest.mark.django_db
Slot = FrontPagePlacement.Slot


def home(client):
    """The lead story, the featured ones and the latest, as the addresses their headlines lead to."""
    shown = page(client.get(reverse("articles:home")))
    lead = headline_links(shown, "lead-headline")
    featured = [href for grid in shown.select("card-grid--featured") for href in headline_links(grid)]
    latest_grids = shown.select("container")[0].child_elements("div", classes=["card-grid"])  # not the rails'
    latest = [href for grid in latest_grids for href in headline_links(grid)]
    return (lead[0] if lead else None), featured, latest


def rails(client):
    """Each rail's region and the stories under it, as addresses."""
    shown = page(client.get(reverse("articles:home")))
    return [(rail.select("section-heading")[0].links()[0], headline_links(rail)) for rail in shown.select("rail")]


def place(article, slot=Slot.FEATURED, position=0, until=None):
    return FrontPagePlacement.objects.create(article=article, slot=slot, position=position, until=until)


def test_the_placed_lead_and_featured_stories_in_order_then_the_latest_without_repeats(client):
    old_lead = ArticleFactory(headline="Older lead", publish_at=timezone.now() - timedelta(days=3))
    second, first = ArticleFactory(headline="Feature two"), ArticleFactory(headline="Feature one")
    rest = ArticleFactory.create_batch(3)
    place(old_lead, Slot.LEAD)
    place(second, position=2)
    place(first, position=1)

    lead, featured, latest = home(client)
    assert lead == old_lead.get_absolute_url()
    assert featured == urls(first, second)
    assert set(latest) == set(urls(*rest))


def test_a_placed_story_that_stops_being_public_drops_out(client, editor):
    pinned = ArticleFactory(headline="Pinned")
    other = ArticleFactory(headline="Other", lead_image=ImageFactory())
    place(pinned, Slot.LEAD)
    workflow.unpublish(article=pinned, by=editor)
    lead, featured, latest = home(client)
    assert lead == other.get_absolute_url() and pinned.get_absolute_url() not in [*featured, *latest]


def test_a_placement_ends_at_its_time(client):
    pinned = ArticleFactory(headline="Pinned", publish_at=timezone.now() - timedelta(days=2))
    newest_with_image = ArticleFactory(headline="With image", lead_image=ImageFactory())
    until = timezone.now() + timedelta(seconds=2)
    place(pinned, Slot.LEAD, until=until)
    assert home(client)[0] == pinned.get_absolute_url()
    # The page cache keeps the home page, but never past the placement's end.
    time.sleep(max(0, (until - timezone.now()).total_seconds()) + 0.05)
    lead, _, latest = home(client)
    assert lead == newest_with_image.get_absolute_url() and pinned.get_absolute_url() in latest


def test_without_a_placed_lead_the_latest_story_with_an_image_leads(client):
    with_image = ArticleFactory(
        headline="Has a picture", lead_image=ImageFactory(), publish_at=timezone.now() - timedelta(days=1)
    )
    newer = ArticleFactory(headline="No picture")
    lead, _, latest = home(client)
    assert lead == with_image.get_absolute_url() and latest == urls(newer)


def test_a_scheduled_placed_story_waits(client):
    scheduled = ArticleFactory(scheduled=True, headline="Not yet")
    place(scheduled, Slot.LEAD)
    ArticleFactory(headline="Live")
    assert "Not yet" not in client.get(reverse("articles:home")).content.decode()


@pytest.mark.parametrize("count", [4, 15])
@pytest.mark.parametrize("with_lead", [True, False])
def test_home_query_count_is_constant(client, django_assert_num_queries, no_page_cache, count, with_lead):
    for i in range(count):
        article = ArticleFactory(authors=[AuthorFactory()], regions=["Iraq", f"R{i}"], topics=["Energy"])
        if i < 3:
            place(article, Slot.LEAD if (i == 0 and with_lead) else Slot.FEATURED, position=i)
    # placed stories, the latest, the rails, bylines, labels, and the menu (which names the rails)
    with django_assert_num_queries(6):
        assert client.get(reverse("articles:home")).status_code == 200


def test_only_editors_reach_the_front_page_screen(client, writer, editor):
    url = reverse("admin:articles_frontpageplacement_changelist")
    client.force_login(writer)
    assert client.get(url).status_code == 403
    client.force_login(editor)
    article = ArticleFactory(headline="Editors' pick")
    response = client.post(
        reverse("admin:articles_frontpageplacement_add"),
        {"article": article.pk, "slot": "lead", "position": "0", "until_0": "", "until_1": ""},
    )
    assert response.status_code == 302
    assert client.get(url).status_code == 200
    assert home(client)[0] == article.get_absolute_url()


def test_rails_show_the_latest_three_under_each_top_region_once_each(client):
    from articles.models import Region

    middle_east = Region.objects.create(name="Middle East")
    iraq = Region.objects.create(name="Iraq", parent=middle_east)
    fallujah = Region.objects.create(name="Fallujah", parent=iraq)
    asia = Region.objects.create(name="Азия")
    old = timezone.now() - timedelta(days=30)
    twice = ArticleFactory(headline="Tagged twice", regions=[iraq, fallujah], publish_at=old)
    under = [ArticleFactory(regions=[fallujah], publish_at=old - timedelta(days=n + 1)) for n in range(3)]
    asian = ArticleFactory(headline="亚洲新闻", regions=[asia], publish_at=old)
    ArticleFactory.create_batch(12)  # fill the first page, so the rails show older stories

    assert rails(client) == [
        (middle_east.get_absolute_url(), urls(twice, under[0], under[1])),
        (asia.get_absolute_url(), urls(asian)),
    ]


def test_a_story_in_a_new_sub_region_joins_its_rail_at_once(client, no_page_cache):
    """The rails find a region's stories by the ids of the regions inside it, read with the cached
    menu: a region added later must not be missed."""
    from articles.models import Region

    europe = Region.objects.create(name="Европа")
    ArticleFactory(headline="Earlier", regions=[europe], publish_at=timezone.now() - timedelta(days=40))
    ArticleFactory.create_batch(12)
    assert rails(client) == [(europe.get_absolute_url(), urls(Article.objects.get(headline="Earlier")))]
    krakow = Region.objects.create(name="Kraków", parent=Region.objects.create(name="Polska", parent=europe))
    later = ArticleFactory(headline="Later", regions=[krakow], publish_at=timezone.now() - timedelta(days=30))
    assert rails(client) == [(europe.get_absolute_url(), urls(later, Article.objects.get(headline="Earlier")))]


def test_rails_skip_what_the_page_already_shows(client, no_page_cache):
    shown = ArticleFactory(regions=["Peru"])
    assert home(client)[0] == shown.get_absolute_url()
    assert rails(client) == []
