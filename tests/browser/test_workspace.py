"""The editorial workspace in a real browser, on a desktop and a phone: the writing screen, bylines,
controlled vocabularies, the region tree and the front page. Screenshots go to test-artifacts/ and
/tmp/wt9-shots/."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, FrontPagePlacement, Region, Topic
from tests.browser.helpers import SHOTS, choose_author, choose_terms, log_in
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def shot(screenshot, request):
    """Like ``screenshot``, and a copy under /tmp/wt9-shots for looking at; ``full=False`` keeps to the viewport."""
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name, full=True):
        path = folder / f"{request.node.name}-{name}.png"
        page.screenshot(path=path, full_page=full)
        screenshot(page, name)
        return path

    return take


def no_sideways_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def in_viewport(page, selector):
    box = page.locator(selector).first.bounding_box()
    viewport = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def test_a_writer_writes_without_scrolling_to_the_buttons_and_reorders_bylines(live_server, browser, writer, shot):
    AuthorFactory(name="Amal Haddad")
    Region.objects.create(name="Ирак")
    Topic.objects.create(name="水资源")
    base = live_server.url
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, base, writer)
    page.goto(f"{base}/admin/articles/article/add/")

    # The publishing panel with its buttons is in view beside the text, at the top and after scrolling.
    assert in_viewport(page, "input[name=_submit_for_review]")
    page.fill("#id_headline", "Water talks resume on the Tigris after a long, dry and difficult summer 🌊")
    page.fill("#id_deck", "Upstream and downstream states return to the table.")
    body = page.locator(".ProseMirror >> visible=true")
    body.click()
    body.type("Negotiators met again on Monday in Baghdad and agreed to keep talking.")
    expect(page.locator(".nr-word-count")).to_contain_text("12 words · 1 min read")
    choose_terms(page, "regions", ["Ирак"])
    choose_terms(page, "topics", ["水资源"])

    # The byline starts with the writer; a second author is added, then moved first with the arrow.
    expect(page.locator("#bylines-0 .select2-selection")).to_contain_text("Wanda Writer")
    page.locator(".add-row a", has_text="Add another").first.click()
    choose_author(page, 1, "Amal Haddad")
    page.locator("#bylines-1 .nr-move-up").click()
    page.mouse.wheel(0, 2000)
    assert in_viewport(page, "input[name=_submit_for_review]")
    shot(page, "desktop-scrolled", full=False)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "desktop-top", full=False)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(headline__startswith="Water talks")
    assert article.byline_text == "Amal Haddad and Wanda Writer"

    # Drag the writer back to the top.
    page.locator("#bylines-1").drag_to(page.locator("#bylines-0"), target_position={"x": 40, "y": 2})
    shot(page, "after-drag", full=False)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert Article.objects.get(pk=article.pk).byline_text == "Wanda Writer and Amal Haddad"

    # On a phone the panel sits above the text and nothing overflows sideways.
    page.set_viewport_size(PHONE)
    page.reload()
    panel = page.locator(".nr-publish-panel").bounding_box()
    headline = page.locator("#id_headline").bounding_box()
    assert panel["y"] < headline["y"]
    assert no_sideways_overflow(page)
    shot(page, "phone")
    context.close()


def test_a_writer_cannot_create_a_topic_and_is_warned_before_leaving(live_server, browser, writer, shot):
    Topic.objects.create(name="Energy")
    base = live_server.url
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, base, writer)
    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("#id_headline", "A piece about a brand new thing")
    page.locator("#id_topics_entry").fill("Quantum fishing")
    page.locator("#id_topics_entry").press("Enter")
    expect(page.locator(".nr-chip--new", has_text="Quantum fishing")).to_have_count(1)
    expect(page.locator(".field-topics .nr-chip-note")).to_contain_text("Only editors add new topics")
    page.click("input[name=_save]")
    expect(page.locator(".errorlist")).to_contain_text("“Quantum fishing” is not in the list")
    shot(page, "new-topic-refused")
    assert not Topic.objects.filter(name="Quantum fishing").exists()

    # Typed text, then an attempt to leave: the browser asks first.
    page.fill("#id_deck", "Unsaved words")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    with pytest.raises(PlaywrightError, match="ERR_ABORTED"):  # the writer chose to stay
        page.goto(f"{base}/admin/", wait_until="commit")
    assert dialogs == ["beforeunload"]
    assert page.url.endswith("/admin/articles/article/add/")
    expect(page.locator("#id_deck")).to_have_value("Unsaved words")
    context.close()


def test_typed_text_survives_a_closed_tab(live_server, browser, writer, shot):
    article = ArticleFactory(draft=True, created_by=writer, headline="Kept headline", authors=[writer.author_profile])
    base = live_server.url
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, base, writer)
    url = f"{base}/admin/articles/article/{article.pk}/change/"
    page.goto(url)
    page.wait_for_timeout(1600)
    page.fill("#id_deck", "A deck typed and never saved — مسودة")
    page.close(run_before_unload=False)

    page = context.new_page()
    page.goto(url)
    expect(page.locator(".nr-draft-bar")).to_be_visible()
    expect(page.locator("#id_deck")).not_to_have_value("A deck typed and never saved — مسودة")  # never silently
    shot(page, "restore-bar", full=False)
    page.click(".nr-draft-restore")
    expect(page.locator("#id_deck")).to_have_value("A deck typed and never saved — مسودة")
    context.close()


def test_an_editor_builds_a_region_tree_and_finds_the_article_on_the_top_region(live_server, browser, editor, shot):
    base = live_server.url
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, base, editor)
    parent = None
    for name in ["Middle East", "Iraq", "Fallujah"]:
        page.goto(f"{base}/admin/articles/region/add/")
        page.fill("#id_name", name)
        if parent:
            page.locator(".field-parent .select2-selection").click()
            page.locator(".select2-search__field").fill(parent)
            page.locator(".select2-results__option", has_text=parent).click()
        page.click("input[name=_save]")
        expect(page.locator(".messagelist")).to_contain_text("was added successfully")
        parent = name
    shot(page, "regions")

    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("#id_headline", "Floods reach Fallujah")
    body = page.locator(".ProseMirror >> visible=true")
    body.click()
    body.type("Water rose overnight.")
    choose_terms(page, "regions", ["Fallujah"])
    page.click("input[name=_publish]")
    expect(page.locator(".messagelist")).to_contain_text("is now published")

    page.goto(f"{base}/regions/middle-east/")
    expect(page.locator(".card-headline")).to_contain_text("Floods reach Fallujah")
    expect(page.locator(".sub-regions")).to_contain_text("Iraq")
    page.goto(f"{base}/regions/fallujah/")
    expect(page.locator(".breadcrumbs")).to_contain_text("Middle East")
    shot(page, "fallujah-page")
    page.goto(f"{base}{Article.objects.get().get_absolute_url()}")
    expect(page.locator(".kicker")).to_have_text("Fallujah")
    expect(page.locator(".tag-trail")).to_contain_text("Middle East")
    context.close()


def test_an_editor_pins_a_lead_story_until_its_time_runs_out(live_server, browser, editor, shot):
    pinned = ArticleFactory(headline="The pinned investigation", publish_at=timezone.now() - timedelta(days=2))
    ArticleFactory(headline="Newest with a picture", lead_image=ImageFactory())
    base = live_server.url
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{base}/")
    expect(page.locator(".lead-headline")).to_have_text("Newest with a picture")

    log_in(page, base, editor)
    page.goto(f"{base}/admin/articles/frontpageplacement/add/")
    page.locator(".field-article .select2-selection").click()
    page.locator(".select2-search__field").fill("pinned")
    page.locator(".select2-results__option", has_text="The pinned investigation").click()
    page.select_option("#id_slot", "lead")
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    page.fill("#id_until_1", (timezone.localtime() + timedelta(hours=1)).strftime("%H:%M:%S"))
    if timezone.localtime().hour == 23:  # an hour from now is tomorrow
        page.fill("#id_until_0", (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%d"))
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    shot(page, "placements")

    page.goto(f"{base}/")
    expect(page.locator(".lead-headline")).to_have_text("The pinned investigation")
    shot(page, "home-pinned")
    FrontPagePlacement.objects.filter(article=pinned).update(until=timezone.now() - timedelta(seconds=1))
    page.goto(f"{base}/")
    expect(page.locator(".lead-headline")).to_have_text("Newest with a picture")
    context.close()


def test_an_editor_on_a_phone_sees_bylines_share_links_and_corrections_without_sideways_scrolling(
    live_server, browser, editor, shot
):
    article = ArticleFactory(
        headline="Долгий заголовок: переговоры о воде продолжаются после засушливого лета 🌍",
        authors=[editor.author_profile, AuthorFactory(name="Амаль Хаддад-Аль-Рашид")],
        regions=["الشرق الأوسط"],
        first_published_at=timezone.now() - timedelta(hours=2),
    )
    workflow.add_correction(article=article, by=editor, kind="correction", note="A long note " * 20)
    workflow.create_share_link(article=article, by=editor, expires_at=timezone.now() + timedelta(days=1))
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, editor)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.locator(".nr-share-link")).to_have_count(1)
    assert no_sideways_overflow(page)
    shot(page, "phone-editor")
    context.close()
