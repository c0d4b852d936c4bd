from imports.content import convert, wpautop


def _convert(text, images=None):
    warnings = []
    html = convert(text, resolve_image=lambda src, alt: (images or {}).get(src), warn=warnings.append)
    return html, warnings


def test_wpautop_makes_paragraphs_and_line_breaks():
    assert wpautop("One\nstill one\n\nTwo") == "<p>One<br>\nstill one</p>\n<p>Two</p>"


def test_wpautop_leaves_block_elements_alone():
    assert wpautop("Intro\n\n<ul>\n<li>a</li>\n</ul>") == "<p>Intro</p>\n<ul>\n<li>a</li>\n</ul>"


def test_caption_becomes_a_figure_with_its_caption():
    text = (
        '[caption id="attachment_1" width="300"]<a href="/x.jpg"><img src="https://old/x.jpg" alt="Bell"></a>'
        " A bell[/caption]"
    )
    html, warnings = _convert(text, {"https://old/x.jpg": 7})
    assert html.replace("\n", "") == (
        '<figure class="figure"><img alt="Bell" data-file="7"><figcaption>A bell</figcaption></figure>'
    )
    assert warnings == []


def test_caption_of_a_missing_image_leaves_no_empty_figure():
    html, _ = _convert('[caption]<img src="https://old/gone.jpg"> Gone[/caption]\n\nAfter')
    assert html == "<p>After</p>"


def test_block_comments_are_dropped_and_block_html_kept():
    text = "<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->"
    assert _convert(text)[0] == "<p>Hello</p>"


def test_embeds_become_links_and_other_shortcodes_are_removed_with_a_warning():
    html, warnings = _convert('https://youtu.be/x\n\n[gallery ids="1,2"]\n\n[pullquote]Said[/pullquote] [sic]')
    assert '<a href="https://youtu.be/x">https://youtu.be/x</a>' in html
    assert "[gallery" not in html and "Said" in html and "[sic]" in html
    assert warnings == ["Shortcode [pullquote] removed; its text is kept.", "Shortcode [gallery] removed."]
