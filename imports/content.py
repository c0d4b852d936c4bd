"""WordPress post content to Newsroom body HTML, before the sanitiser (which ``Article.save`` runs last).

- Gutenberg block comments (``<!-- wp:paragraph -->``) are dropped; the HTML between them is kept
  as it is, since block content already carries its paragraphs.
- Classic-editor text gets paragraphs and line breaks the way WordPress's ``wpautop`` makes them.
- ``[caption]`` becomes ``<figure>`` with ``<figcaption>``; ``[embed]`` and a URL alone on a line
  (WordPress's oEmbed) become links; any other shortcode is removed, keeping its inner text, with
  a warning naming it.
- Images are handed to ``resolve_image(src, alt)``, which returns a library image id, or warns and
  returns None: the image is then left out (the sanitiser keeps library images only).
"""

import html
import re

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->\n?", re.S)
MORE_TAG = re.compile(r"<!--\s*(more|nextpage|noteaser)\b[^>]*-->")
CAPTION = re.compile(r"\[caption\b([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
IMG = re.compile(r"<img\b[^>]*>", re.I)
LINKED_IMG = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.I | re.S)
ATTR = re.compile(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.S | re.I)
ENCLOSED = re.compile(r"\[([a-zA-Z_][\w-]*)\b([^\]]*)\](.*?)\[/\1\]", re.S)
SHORTCODE = re.compile(r"\[([a-zA-Z_][\w-]*)\b([^\]]*?)/?\]")
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
# Only these self-closing names are treated as shortcodes, so "[sic]" or "[1]" in prose survive.
KNOWN_SHORTCODES = {
    "gallery", "audio", "video", "playlist", "embed", "youtube", "vimeo", "tweet", "twitter", "googlemaps",
    "soundcloud", "wpvideo", "slideshare", "instagram", "dailymotion", "ted", "flickr", "archives",
    "contact-form", "polldaddy", "blip.tv", "scribd", "gist", "code", "sourcecode", "recipe", "portfolio",
}  # fmt: skip
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    "blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|"
    "footer|nav|figure|figcaption|details|menu|summary|iframe|audio|video|object|embed"
)
STARTS_WITH_BLOCK = re.compile(rf"^\s*</?(?:{BLOCK_TAGS})\b", re.I)
ENDS_WITH_BLOCK = re.compile(rf"</?(?:{BLOCK_TAGS})\b[^>]*>\s*$", re.I)


def attributes(tag_text: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or "") for m in ATTR.finditer(tag_text)}


def convert(content: str, *, resolve_image, warn) -> str:
    content = (content or "").replace("\r\n", "\n").replace("\r", "\n")
    is_blocks = bool(BLOCK_COMMENT.search(content))
    content = MORE_TAG.sub("", BLOCK_COMMENT.sub("", content))
    content = CAPTION.sub(lambda m: _caption(m, resolve_image, warn), content)
    content = EMBED.sub(lambda m: _link(m.group(1).strip()), content)
    content = _shortcodes(content, warn)
    if not is_blocks:
        content = BARE_URL_LINE.sub(lambda m: _link(m.group(1)), content)
        content = wpautop(content)
    return _images(content, resolve_image, warn).strip()


def _link(url):
    url = html.escape(html.unescape(url), quote=True)
    return f'<p><a href="{url}">{url}</a></p>'


def _caption(match, resolve_image, warn):
    attrs, inner = attributes(match.group(1)), match.group(2)
    image = IMG.search(inner)
    text = html.escape(attrs.get("caption", "")) or IMG.sub("", LINKED_IMG.sub("", inner)).strip()
    if image is None:
        return f"<p>{text}</p>" if text else ""
    return f"\n\n<figure>{image.group(0)}<figcaption>{text}</figcaption></figure>\n\n"


def _shortcodes(content, warn):
    def enclosed(match):
        name = match.group(1).lower()
        warn(f"Shortcode [{name}] removed; its text is kept.")
        return match.group(3)

    def single(match):
        name = match.group(1).lower()
        if name not in KNOWN_SHORTCODES:
            return match.group(0)
        warn(f"Shortcode [{name}] removed.")
        return ""

    previous = None
    while previous != content:  # nested shortcodes: the outer one first, then what it held
        previous, content = content, ENCLOSED.sub(enclosed, content)
    return SHORTCODE.sub(single, content)


def _images(content, resolve_image, warn):
    def figure_image(match):
        attrs = attributes(match.group(0))
        image_id = resolve_image(attrs.get("src", ""), attrs.get("alt", ""))
        if image_id is None:  # resolve_image has said why
            return ""
        alt = html.escape(attrs.get("alt", ""), quote=True)
        return f'<img alt="{alt}" data-file="{image_id}">'

    content = LINKED_IMG.sub(lambda m: m.group(1), content)
    content = IMG.sub(figure_image, content)

    def library_figure(match):
        if match.group(2):  # a library image outside a figure is put in one, as the editor does
            return f'<figure class="figure">{match.group(2)}</figure>'
        # A captioned image that did not make it into the library leaves no empty figure behind.
        return match.group(1).replace("<figure>", '<figure class="figure">') if "data-file=" in match.group(1) else ""

    return re.sub(r"(<figure>.*?</figure>)|(<img [^>]*data-file=\"\d+\">)", library_figure, content, flags=re.S)


def wpautop(text: str) -> str:
    """WordPress's paragraph rule: blank lines separate paragraphs, a single newline is a line
    break, and a chunk that is already a block element (list, table, figure...) is left alone."""
    text = text.strip()
    if not text:
        return ""
    pre_blocks = []

    def keep_pre(match):
        pre_blocks.append(match.group(0))
        return f"<pre-placeholder-{len(pre_blocks) - 1}>"

    text = re.sub(r"<pre\b.*?</pre>", keep_pre, text, flags=re.S | re.I)
    # Block tags start and end their own chunks, as in wpautop.
    text = re.sub(rf"(<(?:{BLOCK_TAGS})\b[^>]*>)", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</(?:{BLOCK_TAGS})>)", r"\1\n\n", text, flags=re.I)
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    out = []
    for chunk in chunks:
        if chunk.startswith("<pre-placeholder-") or STARTS_WITH_BLOCK.match(chunk) or ENDS_WITH_BLOCK.search(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    result = "\n".join(out)
    return re.sub(r"<pre-placeholder-(\d+)>", lambda m: pre_blocks[int(m.group(1))], result)
