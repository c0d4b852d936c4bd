"""A reader page reads the request's script prefix, URLconf, time zone and language once per render
(newsroom/rendering.py), and still prints every link and date as the request asks."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test.utils import override_script_prefix
from django.utils import timezone

from articles import navigation
from newsroom import rendering
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 3, 14, 22, 30, tzinfo=UTC)


@pytest.fixture
def stories(no_page_cache):
    """Six stories in one region, all published at MOMENT."""
    return [
        ArticleFactory(headline=f"Повінь у Закарпатті {n}", publish_at=MOMENT, regions=["Україна"]) for n in range(6)
    ]


@pytest.fixture
def listing(stories):
    return stories[0].regions.get().get_absolute_url()


def test_dates_on_a_page_follow_the_time_zone_of_the_request(client, listing):
    with timezone.override(ZoneInfo("Asia/Tokyo")):
        tokyo = client.get(listing).text
    utc = client.get(listing).text
    assert tokyo.count('<time datetime="2026-03-15T07:30:00+09:00">15 Mar 2026</time>') == 6
    assert utc.count('<time datetime="2026-03-14T22:30:00+00:00">14 Mar 2026</time>') == 6
    assert "+09:00" not in utc  # the scope of the first render ended with it


def test_links_on_a_page_served_below_a_script_prefix_carry_it(client, stories, listing):
    with override_script_prefix("/news/"):
        below = client.get(listing).text
    navigation.forget_menu()  # the cached menu keeps the addresses it was made with
    at_root = client.get(listing).text
    for story in stories:
        assert f'<a href="/news{story.get_absolute_url()}">Повінь у Закарпатті' in below
        assert f'<a href="{story.get_absolute_url()}">Повінь у Закарпатті' in at_root
    assert f'href="/news{listing}"' in below and 'href="/news/"' in below
    assert 'href="/news/' not in at_root


def test_a_listing_asks_for_the_time_zone_and_script_prefix_once(client, listing, monkeypatch):
    asked = {"timezone": 0, "prefix": 0}
    real_timezone, real_prefix = timezone.get_current_timezone, rendering.get_script_prefix

    def counted_timezone():
        asked["timezone"] += 1
        return real_timezone()

    def counted_prefix():
        asked["prefix"] += 1
        return real_prefix()

    monkeypatch.setattr(timezone, "get_current_timezone", counted_timezone)
    monkeypatch.setattr(rendering, "get_script_prefix", counted_prefix)
    page = client.get(listing)
    assert page.status_code == 200 and page.text.count("<time datetime=") >= 6
    assert asked == {"timezone": 1, "prefix": 1}


def test_outside_a_render_each_call_reads_the_request_afresh():
    with timezone.override(ZoneInfo("America/Sao_Paulo")):
        assert rendering.localtime(MOMENT).isoformat() == "2026-03-14T19:30:00-03:00"
        with override_script_prefix("/sub/"):
            assert rendering.links()[0] == "/sub/"
    assert rendering.localtime(MOMENT).isoformat() == "2026-03-14T22:30:00+00:00"
    assert rendering.links()[0] == "/"
