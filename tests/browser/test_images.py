"""Images as readers get them from a production setup (gunicorn, DEBUG off, no bucket), and the
writing tool end to end: formatted body and a library image written in the real editor."""

import re

import pytest
from playwright.sync_api import expect

from .production import start

pytestmark = pytest.mark.browser
DESKTOP_BUDGET, PHONE_BUDGET = 500 * 1024, 250 * 1024


@pytest.fixture(scope="module")
def production(browser, tmp_path_factory):
    base, process = start(tmp_path_factory.mktemp("production"))
    yield base
    process.terminate()
    process.wait(timeout=10)


def image_bytes(page):
    sizes = {}

    def record(response):
        if response.request.resource_type == "image" and response.ok:
            sizes[response.url] = len(response.body())

    page.on("response", record)
    return sizes


def all_images_decoded(page):
    return page.evaluate(
        "() => Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.currentSrc)"
    )


def test_home_stays_within_the_image_budget_on_desktop_and_phone(browser, production, screenshot):
    desktop = browser.new_context(viewport={"width": 1366, "height": 768})
    page = desktop.new_page()
    sizes = image_bytes(page)
    page.goto(production + "/", wait_until="networkidle")
    for y in range(0, page.evaluate("document.body.scrollHeight") + 800, 400):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
    page.wait_for_load_state("networkidle")
    assert all_images_decoded(page) == []
    assert len(sizes) >= 12
    assert sum(sizes.values()) <= DESKTOP_BUDGET, sizes
    assert all(url.endswith(".webp") for url in sizes)  # Chromium takes the WebP source
    screenshot(page, "home-desktop")

    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True)
    page = phone.new_page()
    sizes = image_bytes(page)
    page.goto(production + "/", wait_until="networkidle")
    assert 0 < sum(sizes.values()) <= PHONE_BUDGET, sizes
    screenshot(page, "home-phone")


def test_article_images_decode_and_renditions_are_cached_forever(browser, production):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(production + "/")
    page.locator(".lead-headline a").click()
    lead = page.locator(".story-figure img")
    expect(lead).to_have_attribute("fetchpriority", "high")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    assert all_images_decoded(page) == []
    src = lead.evaluate("img => img.currentSrc")
    response = page.request.get(src)
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["etag"]
    assert page.request.get(production + "/media/").status == 404


def test_an_editor_writes_a_formatted_article_with_a_library_image_and_readers_see_it(browser, production, screenshot):
    page = browser.new_context(viewport={"width": 1366, "height": 1000}).new_page()
    page.goto(production + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "editor-demo-pass")
    page.click("input[type=submit]")
    page.goto(production + "/admin/articles/article/add/")
    page.fill("#id_headline", "Dams and drought on the Euphrates")
    body = page.locator(".field-body .ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("## What changed")
    page.keyboard.press("Enter")
    page.keyboard.type("Flows fell by ")
    page.keyboard.press("Control+b")
    page.keyboard.type("a third")
    page.keyboard.press("Control+b")
    page.keyboard.type(" this year.")
    page.keyboard.press("Enter")
    page.keyboard.type("- Upstream dams")
    page.keyboard.press("Enter")
    page.keyboard.type("Saltier water")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("> Nobody warned us.")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.locator(".nr-word-count")).to_contain_text("min read")

    # An image from the library, through the picker window.
    page.locator(".prose-menubar__button", has=page.locator("text=image")).click()
    with page.expect_popup() as popup_info:
        page.get_by_text("Browse...").click()
    picker = popup_info.value
    picker.locator(".nr-picker button").first.click()
    dialog = page.locator("dialog[open]")
    expect(dialog.locator("input[name=imageUrl]")).to_have_value(re.compile(r"/images/[0-9a-f]{64}\.jpg$"))
    dialog.locator("input[name=caption]").fill("The river at Raqqa in August.")
    dialog.locator("button[type=submit], input[type=submit]").last.click()
    expect(body.locator("figure img")).to_have_count(1)
    screenshot(page, "editor-with-figure")

    # The lead image, picked from the library: its preview shows before saving.
    page.locator(".field-lead_image .select2-selection").click()
    page.locator(".select2-search__field").fill("ridges")
    page.locator(".select2-results__option", has_text="ridges").first.click()
    expect(page.locator(".field-lead_image_preview img")).to_have_attribute("src", re.compile(r"/images/[0-9a-f]{64}"))

    page.click("input[name=_publish]")
    expect(page.locator(".messagelist")).to_contain_text("is now published")

    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(production + "/")
    reader.get_by_role("link", name="Dams and drought on the Euphrates").first.click()
    expect(reader.locator(".story-figure picture img")).to_have_attribute("fetchpriority", "high")
    story = reader.locator(".story-body")
    expect(story.locator("h2")).to_have_text("What changed")
    expect(story.locator("strong")).to_have_text("a third")
    expect(story.locator("ul li")).to_have_count(2)
    expect(story.locator("blockquote")).to_contain_text("Nobody warned us.")
    figure = story.locator("figure.body-figure")
    expect(figure.locator("source[type='image/webp']")).to_have_attribute("srcset", re.compile(r"\s320w"))
    expect(figure.locator("figcaption")).to_contain_text("The river at Raqqa in August.")
    expect(reader.locator(".reading-time")).to_have_text("1 min read")
    figure.scroll_into_view_if_needed()
    reader.wait_for_load_state("networkidle")
    assert all_images_decoded(reader) == []
    screenshot(reader, "reader-article-with-figure")
