"""A reader page read as its reader sees it: the HTML, not the view's context.

Reader pages are Jinja2 templates (newsroom/jinja2.py), for which Django's test client records no
``response.context``; tests check what the page shows instead. ``page(response)`` parses the HTML
into elements; ``select("lead-story", "lead-headline")`` finds, as a CSS descendant selector of
class names would, the elements with the last class inside elements with the ones before it.
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []  # elements and strings, in order

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def elements(self):
        """Every element inside this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.elements()

    def select(self, *classes):
        found = [self]
        for name in classes:
            found = [inner for outer in found for inner in outer.elements() if name in inner.classes]
        return found

    def child_elements(self, tag=None, *, classes=None):
        """The direct children (``classes``: exactly these classes)."""
        return [
            child
            for child in self.children
            if isinstance(child, Element)
            and (tag is None or child.tag == tag)
            and (classes is None or child.classes == set(classes))
        ]

    @property
    def text(self):
        parts = [child if isinstance(child, str) else child.text for child in self.children]
        return " ".join("".join(parts).split())

    @property
    def own_text(self):
        """The text of this element outside the elements inside it."""
        return " ".join("".join(child for child in self.children if isinstance(child, str)).split())

    def links(self):
        """The ``href`` of every link inside this one (itself included), in order."""
        return [element.attrs["href"] for element in [self, *self.elements()] if element.tag == "a"]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        element = self.current
        while element is not None and element.tag != tag:
            element = element.parent
        if element is not None and element.parent is not None:
            self.current = element.parent

    def handle_data(self, data):
        self.current.children.append(data)


def page(response):
    """The parsed page of a 200 response."""
    assert response.status_code == 200, response.status_code
    parser = _Parser()
    parser.feed(response.content.decode())
    parser.close()
    return parser.root


def headline_links(element, headline_class="card-headline"):
    """The addresses the headlines inside ``element`` lead to, in order: one per article."""
    return [href for headline in element.select(headline_class) for href in headline.links()]


def urls(*articles):
    return [article.get_absolute_url() for article in articles]
