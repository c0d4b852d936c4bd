"""The allow-lists for editor-supplied HTML. Anything not listed is removed on save.

Article bodies get the structural subset a news story needs; author bios only paragraphs and inline markup.
Links may only use http(s) and mailto, so ``javascript:`` and ``data:`` URLs never survive, and
every link gets ``rel="noopener noreferrer"`` so an external page cannot script the opener.
"""

import nh3

INLINE_TAGS = {"a", "strong", "b", "em", "i", "br"}
BIO_TAGS = INLINE_TAGS | {"p"}
BODY_TAGS = BIO_TAGS | {"h2", "h3", "h4", "ul", "ol", "li", "blockquote"}
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_body_cleaner = nh3.Cleaner(
    tags=BODY_TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer"
)
_bio_cleaner = nh3.Cleaner(
    tags=BIO_TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer"
)


def sanitize_body(html: str) -> str:
    return _body_cleaner.clean(html or "").strip()


def sanitize_bio(html: str) -> str:
    return _bio_cleaner.clean(html or "").strip()
