"""Steps the browser tests share: logging in, choosing authors and vocabulary terms."""

from playwright.sync_api import expect

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory
SHOTS = "/tmp/wt9-shots"


def log_in(page, base_url, user):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(user.first_name.upper(), ignore_case=True)


def choose_author(page, row, name):
    page.locator(f"#bylines-{row} .select2-selection").click()
    page.locator(".select2-search__field").fill(name.split()[0])
    page.locator(".select2-results__option", has_text=name).click()


def choose_terms(page, field, names):
    """Type each name into the chip input and pick it from the suggestions (or press Enter)."""
    entry = page.locator(f"#id_{field}_entry")
    for name in names:
        entry.fill(name)
        option = page.locator(f"#id_{field}_options li", has_text=name).first
        try:
            option.wait_for(state="visible", timeout=2000)
            option.dispatch_event("mousedown")
        except Exception:
            entry.press("Enter")
        expect(page.locator(".nr-chips", has=entry).locator(".nr-chip", has_text=name)).to_have_count(1)
