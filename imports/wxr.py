"""Reading a WordPress export (WXR 1.1/1.2) into plain data, refusing anything hostile.

defusedxml refuses entity declarations (billion laughs), external entities and DTD retrieval, so a
crafted export can neither exhaust memory nor read local files. Every failure, including a
truncated file or an XML document that is not a WordPress export, is a ``WXRError`` with a message
for the person running the import.
"""

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

WP_NAMESPACES = ("http://wordpress.org/export/1.", "https://wordpress.org/export/1.")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
NO_DATE = "0000-00-00 00:00:00"


class WXRError(Exception):
    """The file cannot be imported; the message says why."""


@dataclass
class Term:
    term_id: str
    slug: str
    name: str
    parent: str = ""  # the parent's slug


@dataclass
class WPAuthor:
    login: str
    display_name: str


@dataclass
class Item:
    post_id: int
    guid: str
    post_type: str
    status: str
    title: str
    slug: str
    link: str
    content: str
    excerpt: str
    date_local: datetime | None
    date_gmt: datetime | None
    creator: str
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # (domain, nicename, name)
    meta: dict[str, str] = field(default_factory=dict)
    attachment_url: str = ""
    parent_id: int = 0


@dataclass
class Export:
    base_url: str
    authors: dict[str, WPAuthor]
    categories: list[Term]
    tags: list[Term]
    items: list[Item]


def parse(path) -> Export:
    try:
        root = SafeET.parse(path, forbid_dtd=False, forbid_entities=True, forbid_external=True).getroot()
    except DefusedXmlException as error:
        raise WXRError(f"Refused: the file declares XML entities or external references ({error}).") from None
    except SafeET.ParseError as error:
        raise WXRError(f"Not well-formed XML, or the file is truncated: {error}.") from None
    except OSError as error:
        raise WXRError(f"Cannot read the export: {error}.") from None
    channel = root.find("channel")
    wp = _wp_namespace(root)
    if root.tag != "rss" or channel is None or wp is None or channel.find(f"{wp}wxr_version") is None:
        raise WXRError("Not a WordPress export (WXR): no <rss><channel> with a wp:wxr_version.")

    def text(element, name):
        found = element.find(name)
        return (found.text or "").strip() if found is not None else ""

    def raw(element, name):
        found = element.find(name)
        return found.text or "" if found is not None else ""

    authors = {}
    for node in channel.findall(f"{wp}author"):
        login = text(node, f"{wp}author_login")
        authors[login] = WPAuthor(login, text(node, f"{wp}author_display_name") or login)
    categories = [
        Term(
            text(node, f"{wp}term_id"),
            unquote(text(node, f"{wp}category_nicename")),
            text(node, f"{wp}cat_name"),
            unquote(text(node, f"{wp}category_parent")),
        )
        for node in channel.findall(f"{wp}category")
    ]
    tags = [
        Term(text(node, f"{wp}term_id"), unquote(text(node, f"{wp}tag_slug")), text(node, f"{wp}tag_name"))
        for node in channel.findall(f"{wp}tag")
    ]
    items = []
    for node in channel.findall("item"):
        try:
            post_id = int(text(node, f"{wp}post_id"))
        except ValueError:
            raise WXRError(f"An item has no numeric wp:post_id: {text(node, 'title')!r}.") from None
        items.append(
            Item(
                post_id=post_id,
                guid=text(node, "guid"),
                post_type=text(node, f"{wp}post_type"),
                status=text(node, f"{wp}status"),
                title=text(node, "title"),
                slug=unquote(text(node, f"{wp}post_name")),
                link=text(node, "link"),
                content=raw(node, f"{CONTENT}encoded"),
                excerpt=_excerpt(node),
                date_local=_date(text(node, f"{wp}post_date")),
                date_gmt=_date(text(node, f"{wp}post_date_gmt")),
                creator=text(node, f"{DC}creator").lstrip(">"),
                categories=[
                    (c.get("domain", ""), unquote(c.get("nicename", "")), (c.text or "").strip())
                    for c in node.findall("category")
                ],
                meta={text(m, f"{wp}meta_key"): text(m, f"{wp}meta_value") for m in node.findall(f"{wp}postmeta")},
                attachment_url=text(node, f"{wp}attachment_url"),
                parent_id=int(text(node, f"{wp}post_parent") or 0),
            )
        )
    return Export(text(channel, f"{wp}base_blog_url") or text(channel, "link"), authors, categories, tags, items)


def _wp_namespace(root):
    for element in root.iter():
        if element.tag.startswith("{") and element.tag[1:].startswith(WP_NAMESPACES):
            return element.tag[: element.tag.index("}") + 1]
    return None


def _excerpt(node):
    for child in node:
        if child.tag.endswith("}encoded") and "/excerpt/" in child.tag:
            return child.text or ""
    return ""


def _date(value):
    if not value or value == NO_DATE:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
