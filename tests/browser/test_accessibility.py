"""axe-core (installed from package.json by ``make test``) scans every reader page in Chromium.

No serious or critical violation is allowed, at desktop width and at 320 px; at 320 px nothing may
scroll sideways. The menu and search box also have to be reachable with the keyboard alone.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe_source():
    if not AXE.exists():
        message = "axe-core is missing: `make test` installs it with npm (`npm ci`); .ci/run installs npm."
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


@pytest.fixture
def reader_pages(db):
    author = AuthorFactory(name="Layla Haddad", title="Correspondent", website="https://example.com")
    other = AuthorFactory(name="Тарас Шевченко")
    lead = ArticleFactory(
        headline="Dam talks resume on the Tigris",
        kind=Article.Kind.ANALYSIS,
        summary="Negotiators return to the table after a dry summer.",
        body="<p>Negotiators met again.</p><h2>What changes</h2><p>Flows.</p><blockquote><p>A quote.</p></blockquote>",
        authors=[author, other],
        regions=["Iraq", "العراق"],
        topics=["Water", "能源"],
    )
    lead.lead_image = ImageFactory(alt_text="A river at dusk", caption="The Tigris.")
    lead.save()
    for n in range(22):  # more than a page of 20: the listings paginate
        ArticleFactory(headline=f"Water story {n}", authors=[author], regions=["Iraq"], topics=["Water"])
    now = timezone.localtime(lead.publish_at)
    return {
        "home": reverse("articles:home"),
        "article": lead.get_absolute_url(),
        "region": reverse("articles:region", kwargs={"slug": "iraq"}),
        "topic": reverse("articles:topic", kwargs={"slug": "water"}),
        "author": author.get_absolute_url(),
        "search": reverse("articles:search") + "?q=water",
        "search-empty": reverse("articles:search") + "?q=nothing-matches-this",
        "archive-year": reverse("articles:archive_year", kwargs={"year": now.year}),
        "archive-month": reverse("articles:archive_month", kwargs={"year": now.year, "month": now.month}),
        "regions": reverse("articles:region_index"),
        "topics": reverse("articles:topic_index"),
        "authors": reverse("authors:index"),
    }


def serious_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1366, 320])
def test_reader_pages_have_no_serious_accessibility_violations(
    live_server, browser, axe_source, reader_pages, width, screenshot
):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True
    )  # axe is injected inline; CSP has its own test
    page = context.new_page()
    failures = {}
    for name, path in reader_pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        if violations := serious_violations(page, axe_source):
            failures[name] = violations
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        if width == 320:
            screenshot(page, name)
    context.close()
    assert failures == {}


def test_menu_and_search_work_with_the_keyboard_alone(live_server, browser, reader_pages):
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    page.goto(live_server.url + reader_pages["home"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "masthead-q":
            break
    assert page.evaluate("document.activeElement.id") == "masthead-q"
    page.keyboard.type("water")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=water")
    assert page.locator(".search-result").count() == 20
    page.keyboard.press("Tab")  # skip link
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.site-nav') !== null"):
            break
    assert page.evaluate("document.activeElement.closest('.site-nav') !== null")
    page.context.close()
