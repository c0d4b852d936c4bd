"""One allow-list, matching the editor; pasted documents keep their structure; nothing can run."""

import re
from pathlib import Path

import pytest
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.forms import BODY_EDITOR_CONFIG
from newsroom.sanitizer import BODY_ATTRIBUTES, BODY_CLASSES, BODY_TAGS, sanitize_bio, sanitize_body

from .xss_corpus import VECTORS

PASTE = Path(__file__).resolve().parents[1] / "fixtures" / "paste"
RENDITION = "/images/" + "a" * 64 + ".webp"
DANGER = re.compile(
    r"<\s*(?:script|style|iframe|object|embed|svg|math|form|input|button|base|link|meta|video|audio|template)\b"
    r"|\son[a-z]+\s*=|\sstyle\s*=|javascript:|vbscript:|data:|expression\(",
    re.I,
)


def test_the_allow_list_is_exactly_what_the_editor_produces():
    editor = allowlist_from_extensions(expand_extensions(BODY_EDITOR_CONFIG["extensions"]))
    assert editor["tags"] == BODY_TAGS
    for tag, names in BODY_ATTRIBUTES.items():
        assert tag == "*" or names <= editor["attributes"][tag], tag
    pull_quote = BODY_EDITOR_CONFIG["extensions"]["NodeClass"]["cssClasses"]["blockquote"]
    assert BODY_CLASSES["blockquote"] == {item["className"] for item in pull_quote}


@pytest.mark.parametrize("vector", VECTORS)
def test_nothing_in_the_xss_corpus_survives(vector):
    for cleaned in (sanitize_body(vector), sanitize_bio(vector), sanitize_body(f"<p>{vector}</p>")):
        assert not DANGER.search(cleaned), cleaned


def test_links_keep_safe_schemes_and_get_noopener():
    html = sanitize_body(
        '<p><a href="https://example.org/x" target="_blank">a</a> <a href="mailto:desk@example.org">b</a> '
        '<a href="/articles/other/">c</a> <a href="javascript:alert(1)">d</a></p>'
    )
    assert '<a href="https://example.org/x" rel="noopener noreferrer">a</a>' in html
    assert '<a href="mailto:desk@example.org" rel="noopener noreferrer">b</a>' in html
    assert '<a href="/articles/other/" rel="noopener noreferrer">c</a>' in html
    assert '<a rel="noopener noreferrer">d</a>' in html
    assert "target" not in html


def test_everything_the_editor_makes_is_kept():
    body = (
        "<h2>Two</h2><h3>Three</h3><h4>Four</h4><p><strong>b</strong> <em>i</em><br>line</p>"
        '<ul><li><p>one</p></li></ul><ol start="3"><li><p>three</p></li></ol>'
        '<blockquote><p>quote</p></blockquote><blockquote class="pullquote"><p>pull</p></blockquote><hr>'
        '<table><tbody><tr><th colspan="2"><p>h</p></th></tr><tr><td rowspan="2"><p>c</p></td></tr></tbody></table>'
        f'<figure class="figure"><img src="{RENDITION}" alt="Cranes" data-file="7">'
        "<figcaption>Port</figcaption></figure>"
    )
    assert sanitize_body(body) == body


def test_inline_images_must_come_from_the_library():
    html = sanitize_body(
        '<figure class="figure"><img src="https://tracker.example/p.gif" data-file="7"></figure>'
        '<p><img src="/media/originals/x.jpg"></p><p>text</p>'
    )
    assert "tracker" not in html and "/media/" not in html
    assert "<p>text</p>" in html


def test_bios_keep_only_paragraphs_and_inline_markup():
    assert sanitize_bio("<h2>Hi</h2><p><b>Noor</b> <a href='https://x.org'>site</a></p><table><tr><td>x") == (
        'Hi<p><strong>Noor</strong> <a href="https://x.org" rel="noopener noreferrer">site</a></p>x'
    )


def paste(name):
    return sanitize_body((PASTE / name).read_text())


def test_google_docs_keeps_headings_lists_links_emphasis_and_tables():
    html = paste("google_docs.html")
    assert "<h2>Grid under strain</h2>" in html
    assert "Demand rose by <strong>nine per cent</strong> this summer, the ministry <em>said</em>." in html
    assert '<a href="https://www.google.com/url?q=https://example.org/report' in html
    assert "<ul><li><p>Basra: 14 hours a day</p></li>" in html
    assert "<table><tbody><tr><td><p><strong>City</strong></p></td>" in html
    # The whole-document <b style="font-weight:normal"> wrapper is not bold; styles and the image go.
    assert html.count("<strong>") == 3
    assert not re.search(r"style=|span|dir=|docs-internal|googleusercontent|<img|<div|<b>", html)


def test_word_keeps_headings_lists_links_emphasis_and_tables():
    html = paste("word.html")
    assert "<h3>Inside the ministry</h3>" in html
    assert "Officials <strong>privately concede</strong> that the <em>summer plan</em> failed." in html
    assert '<a href="https://example.org/leak" rel="noopener noreferrer">The memo</a>' in html
    assert "<li>Fuel imports</li>" in html and '<ol start="1">' in html
    assert '<td colspan="2"><p><strong>Peak (GW)</strong></p></td>' in html
    assert "<p>End of memo.</p>" in html
    assert not re.search(r"Mso|mso-|<o:p|<v:|file:///|<style|Font Definitions|<img|lang=|class=", html)


def test_a_web_page_keeps_its_structure_and_loses_scripts_ads_forms_and_trackers():
    html = paste("web_page.html")
    assert "<h2>What the data show</h2>" in html
    assert '<a href="https://example.org/institute" rel="noopener noreferrer">institute</a>' in html
    assert "<strong>losses</strong> reached <em>a fifth</em>" in html
    assert "<h4>Methodology</h4>" in html and '<ol start="3">' in html and "<strong>1,200</strong>" in html
    assert "<thead><tr><th>Region</th><th>Loss</th></tr></thead>" in html
    assert '<a href="mailto:?subject=Grid" rel="noopener noreferrer">email</a>' in html
    assert not DANGER.search(html)
    assert not re.search(r"dataLayer|ads\.example|tracking-pixel|clip\.mp4|evil\.example|class=|scope=", html)
