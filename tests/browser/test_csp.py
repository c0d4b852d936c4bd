"""The public site and the whole admin work under the Content Security Policy: no violation is
reported while an editor uses the editor, tag suggestions, byline inlines, previews and history."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles import workflow
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "correct-horse-battery"

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def csp_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(f"page error: {error}"))

    def violations():
        reported = page.evaluate("window.__csp || []")
        return reported + [text for text in console if "Content Security Policy" in text or "page error" in text]

    page.violations = violations
    yield page
    context.close()


def visit(page, url):
    response = page.goto(url)
    assert response.status < 500, url
    page.wait_for_load_state("networkidle")
    assert page.violations() == [], url


def test_public_pages_have_no_csp_violations(live_server, csp_page):
    author = AuthorFactory(name="Лина Хаддад")
    article = ArticleFactory(headline="Talks </script> resume", authors=[author], regions=["العراق"], topics=["能源"])
    tags = [article.regions.get(), article.topics.get()]
    for url in [
        "/",
        article.get_absolute_url(),
        author.get_absolute_url(),
        *[t.get_absolute_url() for t in tags],
        "/404/",
    ]:
        visit(csp_page, live_server.url + url)


def test_the_admin_works_under_the_csp(live_server, csp_page, editor):
    page, base = csp_page, live_server.url
    AuthorFactory(name="Amal Haddad")
    ArticleFactory(headline="Existing", regions=["Middle East"], topics=["Energy"])
    visit(page, f"{base}/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    assert page.violations() == []

    visit(page, f"{base}/admin/articles/article/add/")
    body = page.locator(".ProseMirror >> visible=true")
    body.click()
    body.type("Typed under the policy.")
    page.fill("#id_headline", "Written under a CSP")
    page.fill("#id_regions_entry", "Midd")
    expect(page.locator("#id_regions_options li")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(page.locator(".nr-chip", has_text="Middle East")).to_have_count(1)
    page.locator("#bylines-0 .select2-selection").click()
    page.locator(".select2-search__field").fill("Amal")
    page.locator(".select2-results__option", has_text="Amal Haddad").click()
    page.locator(".add-row a").first.click()
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    page.locator(".datetimeshortcuts a", has_text="Now").first.click()
    assert page.violations() == []
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible()
    assert page.violations() == []

    article = ArticleFactory._meta.model.objects.get(headline="Written under a CSP")
    workflow.publish(article=article, by=editor)
    for url in [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist") + "?q=csp",
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_article_preview", args=[article.pk]),
        reverse("admin:authors_author_changelist"),
        reverse("admin:authors_author_change", args=[editor.author_profile.pk]),
        reverse("admin:articles_region_changelist"),
        reverse("admin:articles_region_change", args=[article.regions.get().pk]),
        reverse("admin:articles_frontpageplacement_changelist"),
        reverse("admin:articles_frontpageplacement_add"),
        reverse("admin:auth_user_changelist"),
        reverse("admin_password_reset"),
    ]:
        visit(page, base + url)


def test_api_docs_render_under_the_policy(live_server, csp_page):
    """Swagger UI from this site (drf-spectacular-sidecar), its start-up script a file, not inline."""
    visit(csp_page, live_server.url + "/api/v1/docs/")
    expect(csp_page.locator(".swagger-ui .info .title")).to_contain_text("read API")
    expect(csp_page.locator(".opblock-summary-path").first).to_be_visible()
    assert csp_page.violations() == []
