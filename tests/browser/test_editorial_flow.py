"""A writer drafts and submits, an editor publishes, a reader reads: in a real browser."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, Region, Topic
from tests.browser.helpers import choose_author, choose_terms, log_in
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_writer_drafts_and_submits_editor_publishes_reader_reads(live_server, browser, writer, editor, screenshot):
    AuthorFactory(name="Amal Haddad", title="Baghdad Correspondent", bio="<p>Reports from Baghdad.</p>")
    for name in ["Iraq", "Syria"]:
        Region.objects.create(name=name)
    for name in ["Water", "Diplomacy", "Climate"]:
        Topic.objects.create(name=name)
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # The writer writes a draft with two authors, two regions and three topics, and submits it.
    log_in(page, base, writer)
    screenshot(page, "writer-desk")
    page.goto(f"{base}/admin/articles/article/add/")
    expect(page.locator("input[name=_publish]")).to_have_count(0)
    page.fill("#id_headline", "Water talks resume on the Tigris")
    page.fill("#id_deck", "Upstream and downstream states return to the table after a dry summer.")
    editor_area = page.locator(".ProseMirror >> visible=true")
    editor_area.click()
    editor_area.type("Negotiators met again on Monday. ")
    page.keyboard.press("Enter")
    editor_area.type("Both sides called the talks constructive.")
    choose_terms(page, "regions", ["Iraq", "Syria"])
    choose_terms(page, "topics", ["Water", "Diplomacy", "Climate"])
    # The byline starts with the writer's own profile.
    expect(page.locator("#bylines-0 .select2-selection")).to_contain_text("Wanda Writer")
    page.locator(".add-row a", has_text="Add another").first.click()
    choose_author(page, 1, "Amal Haddad")
    screenshot(page, "writer-draft-form")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator("input[name=_submit_for_review]")).to_be_visible()
    expect(page.locator("input[name=_publish]")).to_have_count(0)
    page.click("input[name=_submit_for_review]")
    expect(page.locator(".messagelist")).to_contain_text("is now in review")
    expect(page.locator("input[name=_publish]")).to_have_count(0)
    screenshot(page, "writer-submitted")

    article = Article.objects.get(headline="Water talks resume on the Tigris")
    assert article.status == Article.Status.REVIEW
    assert article.byline_text == "Wanda Writer and Amal Haddad"
    assert page.request.get(f"{base}{article.get_absolute_url()}").status == 404

    # The editor finds it on the desk and publishes it.
    context.clear_cookies()
    log_in(page, base, editor)
    expect(page.locator(".nr-dashboard")).to_contain_text("Water talks resume on the Tigris")
    screenshot(page, "editor-desk")
    page.get_by_role("link", name="Water talks resume on the Tigris").first.click()
    page.click("input[name=_publish]")
    expect(page.locator(".messagelist")).to_contain_text("is now published")
    screenshot(page, "editor-published")

    # An anonymous reader sees it, with both bio boxes in byline order.
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(f"{base}{article.get_absolute_url()}")
    expect(reader.locator("h1")).to_have_text("Water talks resume on the Tigris")
    expect(reader.locator(".bio-box")).to_have_count(2)
    expect(reader.locator(".bio-box").nth(0)).to_contain_text("Author: Wanda Writer")
    expect(reader.locator(".bio-box").nth(1)).to_contain_text("Author: Amal Haddad")
    expect(reader.locator("body")).to_contain_text(re.compile(r"By\s+Wanda Writer\s+and\s+Amal Haddad"))
    screenshot(reader, "reader-article")
    reader.set_viewport_size({"width": 390, "height": 844})
    screenshot(reader, "reader-article-phone")


def test_a_scheduled_article_is_404_until_its_time(live_server, browser, editor, screenshot):
    article = ArticleFactory(draft=True, headline="Embargoed budget story")
    goes_live = timezone.now() + timedelta(seconds=4)
    workflow.publish(article=article, by=editor, at=goes_live)
    page = browser.new_page()

    response = page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert response.status == 404
    screenshot(page, "scheduled-404")
    page.goto(f"{live_server.url}/")
    expect(page.locator("body")).not_to_contain_text("Embargoed budget story")

    # The page cache holds the 404 and the home page, but never past the scheduled second.
    time.sleep(max(0, (goes_live - timezone.now()).total_seconds()) + 0.1)
    response = page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert response.status == 200
    expect(page.locator("h1")).to_have_text("Embargoed budget story")
    screenshot(page, "scheduled-live")
